import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';

import { roster } from './__fixtures__/roster.js';
import { canonicalSectionText, CanonicalSectionWriter } from './index.js';

const decoder = new TextDecoder();

function written<K extends 'households' | 'cadres'>(kind: K, records: readonly Parameters<CanonicalSectionWriter['add']>[0][]): string {
  const writer = new CanonicalSectionWriter(kind);
  for (const record of records) writer.add(record);
  expect(writer.count).toBe(records.length);
  return writer.finish().map((piece) => decoder.decode(piece)).join('');
}

describe('a canonical section written a record at a time', () => {
  const base = roster.households[0];
  // Keys that sort differently by UTF-16 unit and by code point, a key that is a prefix of
  // another, a space, a quote (escaped in the line) and Chinese.
  const odd = ['𠀀', 'Ａ', 'H1', 'H1 0', 'H10', 'H"2', '户-3', '\\4', 'z'];

  it('equals canonicalSectionText for rows in key order, reversed and shuffled, past one encoded piece', () => {
    const random = seedrandom('section-writer');
    const many = Array.from({ length: 9000 }, (_, i) => ({ ...base, householdNo: `H${String(i).padStart(5, '0')}`, headName: `户主${i}`, incomePerCapita: random() * 20000 }));
    const shuffled = [...many].sort(() => random() - 0.5);
    const expected = canonicalSectionText('households', many);
    expect(written('households', many)).toBe(expected);
    expect(written('households', [...many].reverse())).toBe(expected);
    expect(written('households', shuffled)).toBe(expected);
  });

  it('orders surrogate, full-width, escaped and prefix keys by code point, and ties by the whole line', () => {
    const rows = odd.map((householdNo, i) => ({ ...base, householdNo, members: i + 1 }));
    // Two records with one key (the parser never lets that through, but the order must still not depend on input order).
    const tied = [...rows, { ...base, householdNo: 'H1', members: 9 }, { ...base, householdNo: 'H1', members: 2, headName: '乙' }];
    expect(written('households', tied)).toBe(canonicalSectionText('households', tied));
    expect(written('households', [...tied].reverse())).toBe(canonicalSectionText('households', tied));
  });

  it('writes an empty section as its name line alone', () => {
    expect(written('cadres', [])).toBe('#cadres\n');
  });
});
