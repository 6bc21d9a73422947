import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, isOverdue, scoreVillage, type LedgerItem, type VillageInspection } from './index.js';

const ledger = JSON.parse(readFileSync(new URL('./__fixtures__/ledger-as-of-2024-06-03.json', import.meta.url), 'utf8')) as {
  asOf: string;
  items: LedgerItem[];
  moreOverdue: LedgerItem[];
};

/** A small village visited whole with nothing found and every check passed: only the ledger can cost points. */
const spotless: VillageInspection = {
  villageCode: '411322106001',
  townCode: '411322106',
  households: 2,
  strata: [{ stratum: 'must-visit', population: 2 }],
  visits: [
    { householdNo: 'H1', stratum: 'must-visit', findings: [] },
    { householdNo: 'H2', stratum: 'must-visit', findings: [] },
  ],
  projects: [{ code: 'P1', passed: true }],
  quiz: [{ cadreNo: 'C1', percent: 100 }],
  documents: [{ code: 'D1', passed: true }],
  interviews: [{ code: 'I1', passed: true }],
};
const ledgerLine = (v: VillageInspection) => scoreVillage(v, DEFAULT_SCHEME).breakdown.find((b) => b.component === 'ledger')!;

describe('overdue 整改台账 items cost points', () => {
  it('counts only items still open after their 完成时限', () => {
    expect(ledger.items.filter((i) => isOverdue(i, ledger.asOf)).map((i) => i.id)).toEqual([
      'open-past-deadline-1',
      'open-past-deadline-2',
      'open-past-deadline-3',
    ]);
  });

  it('takes 10 points per overdue item from the ledger component: 3 overdue → 70, and 3 points off the score', () => {
    // score = 0.9·100 + 0.1·(100 − 3·10) = 97
    const clean = scoreVillage({ ...spotless, ledger: { asOf: ledger.asOf, items: [] } }, DEFAULT_SCHEME);
    const late = scoreVillage({ ...spotless, ledger: { asOf: ledger.asOf, items: ledger.items } }, DEFAULT_SCHEME);
    expect(clean.score).toBe(100);
    expect(ledgerLine({ ...spotless, ledger }).value).toBe(70);
    expect(late.score).toBeCloseTo(97, 12);
    expect(ledgerLine({ ...spotless, ledger }).note).toContain('3 of 8 items overdue');
  });

  it('stops at the scheme’s maximum penalty: 7 overdue × 10 = 70, capped at 50', () => {
    const v = { ...spotless, ledger: { asOf: ledger.asOf, items: [...ledger.items, ...ledger.moreOverdue] } };
    expect(ledgerLine(v).value).toBe(50);
    expect(scoreVillage(v, DEFAULT_SCHEME).score).toBeCloseTo(95, 12);
  });

  it('counts nothing overdue before any deadline has passed', () => {
    expect(ledgerLine({ ...spotless, ledger: { asOf: '2024-01-01', items: ledger.items } }).value).toBe(100);
  });

  it('refuses dates that are not YYYY-MM-DD, since they are compared as text', () => {
    const bad = { ...spotless, ledger: { asOf: '2024-6-3', items: ledger.items } };
    expect(() => scoreVillage(bad, DEFAULT_SCHEME)).toThrow(/YYYY-MM-DD/);
  });
});
