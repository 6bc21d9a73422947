import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';

import { households } from './__fixtures__/roster.js';
import { householdsToRows, numberText, parseHouseholdTable } from './index.js';

/** Reads one household whose income cell says `income` and whose longitude cell says `lng`. */
function read(income: string, lng: string) {
  const rows = householdsToRows(households.slice(0, 1));
  rows[1][13] = income;
  rows[1][14] = lng;
  rows[1][15] = '33.25';
  const { records, problems } = parseHouseholdTable(rows);
  expect(problems).toEqual([]);
  return records[0];
}

describe('numberText', () => {
  it('is String(n) for numbers just read from cells of every spelling the importer accepts', () => {
    const random = seedrandom('number-text');
    const spellings = (n: number) => [String(n), n.toFixed(2), n.toFixed(8), `${n.toFixed(4)}000`, Number(n.toPrecision(15)).toString(), Number(n.toPrecision(17)).toString()];
    // Every spelling pair is one row of one table: a parse per pair costs a table's overhead 100,000 times.
    const [header, template] = householdsToRows(households.slice(0, 1));
    const rows = [header];
    for (let i = 0; i < 3000; i++) {
      const income = Math.floor(random() * 1e8) / 10 ** Math.floor(random() * 3);
      const lng = 73 + random() * 63;
      for (const incomeText of spellings(income).filter((t) => /\.\d{0,2}$|^\d+$/.test(t))) {
        for (const lngText of spellings(lng).filter((t) => !/\.\d{9,}/.test(t))) {
          const row = [...template];
          row[0] = `${template[0]}-${rows.length}`;
          row[13] = incomeText;
          row[14] = lngText;
          row[15] = '33.25';
          rows.push(row);
        }
      }
    }
    const { records, problems } = parseHouseholdTable(rows);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(rows.length - 1);
    expect(records.length).toBeGreaterThan(30_000);
    for (const h of records) {
      expect(numberText(h.incomePerCapita)).toBe(String(h.incomePerCapita));
      expect(numberText(h.lng!)).toBe(String(h.lng));
    }
  });

  it('is String(n) for edge cases: zero, leading and trailing zeros, grouped thousands, the most digits allowed', () => {
    for (const text of ['0', '0.0', '00', '007', '7,500', '7500.10', '0.5', '0.05', '1234567.12', '99999999.99', '100000000']) {
      const h = read(text, '113.5');
      expect(numberText(h.incomePerCapita), text).toBe(String(h.incomePerCapita));
    }
    for (const lng of ['113.12345678', '100', '135.99999999', '73.00000001', '073.5', '113.50']) {
      const h = read('1', lng);
      expect(numberText(h.lng!), lng).toBe(String(h.lng));
    }
  });

  it('converts numbers it has not just read', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(numberText(1e21)).toBe('1e+21');
    expect(numberText(5e-7)).toBe('5e-7');
  });
});
