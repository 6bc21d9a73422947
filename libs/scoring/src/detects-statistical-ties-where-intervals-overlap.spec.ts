import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rank, type Rankable } from './index.js';

const { scores } = JSON.parse(readFileSync(new URL('./__fixtures__/overlapping-intervals.json', import.meta.url), 'utf8')) as { scores: Rankable[] };

describe('a ranking that shows where the order is within the 90% intervals', () => {
  // In score order:                          overlaps the one above?
  //   …001 90 [85, 95]                        —
  //   …002 88 [84, 92]                        yes (84 ≤ 95)          group 1
  //   …003 80 [78, 83]                        no  (83 < 84)          group 2
  //   …004 80 [76, 83.5]  same score as …003  yes                    group 2, same rank 3
  //   …006 70 [69, 71]                        no  (71 < 76)          group 3
  //   …005 60 [55, 69]                        yes, touching at 69    group 3
  it('ranks by score with shared competition ranks and a code tie-break', () => {
    const r = rank(scores);
    expect(r.map((e) => [e.code, e.rank])).toEqual([
      ['411322102001', 1],
      ['411322102002', 2],
      ['411322102003', 3],
      ['411322102004', 3],
      ['411322102006', 5],
      ['411322102005', 6],
    ]);
  });

  it('marks neighbours whose intervals overlap as tied and groups chains of them', () => {
    const r = rank(scores);
    expect(r.map((e) => [e.code.slice(-3), e.tiedWith.map((c) => c.slice(-3)), e.tieGroup])).toEqual([
      ['001', ['002'], 1],
      ['002', ['001'], 1],
      ['003', ['004'], 2],
      ['004', ['003'], 2],
      ['006', ['005'], 3],
      ['005', ['006'], 3],
    ]);
  });

  it('chains a tie group through a middle entry even when its ends do not overlap', () => {
    const chain: Rankable[] = [
      { code: 'A', score: 90, interval: [86, 94] },
      { code: 'B', score: 85, interval: [80, 88] },
      { code: 'C', score: 78, interval: [70, 81] }, // overlaps B, not A (81 < 86)
    ];
    const r = rank(chain);
    expect(r.map((e) => e.tieGroup)).toEqual([1, 1, 1]);
    expect(r.map((e) => e.tiedWith)).toEqual([['B'], ['A', 'C'], ['B']]);
  });

  it('gives every entry its own group when no intervals overlap', () => {
    const apart: Rankable[] = [
      { code: 'A', score: 90, interval: [89, 91] },
      { code: 'B', score: 80, interval: [79, 81] },
    ];
    expect(rank(apart).map((e) => [e.tieGroup, e.tiedWith])).toEqual([
      [1, []],
      [2, []],
    ]);
  });

  it('gives the same ranking whatever order the scores come in', () => {
    const reversed = [...scores].reverse();
    expect(rank(reversed)).toEqual(rank(scores));
  });
});
