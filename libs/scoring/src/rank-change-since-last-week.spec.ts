import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rank, type PreviousEntry, type Rankable } from './index.js';

const { lastWeek, thisWeek } = JSON.parse(readFileSync(new URL('./__fixtures__/two-weeks.json', import.meta.url), 'utf8')) as {
  lastWeek: PreviousEntry[];
  thisWeek: Rankable[];
};

describe('the weekly 排队 shows rank, score and change since last week', () => {
  // Last week: 001 #1 (91), 002 #2 (85), 003 #3 (80), 009 #4 (70).
  // This week: 003 93 → #1 (up 2), 002 85 → #2 (same), 001 84 → #3 (down 2), 004 is new → #4.
  it('reports the change in rank (positive = moved up) and in score', () => {
    const r = rank(thisWeek, lastWeek);
    expect(r.map((e) => [e.code.slice(-3), e.rank, e.previousRank, e.change, e.scoreChange])).toEqual([
      ['003', 1, 3, 2, 13],
      ['002', 2, 2, 0, 0],
      ['001', 3, 1, -2, -7],
      ['004', 4, null, null, null],
    ]);
  });

  it('reports no change for anyone when there is no previous week', () => {
    expect(rank(thisWeek).every((e) => e.change === null && e.previousRank === null)).toBe(true);
  });

  it('feeds this week into next week', () => {
    const now = rank(thisWeek, lastWeek);
    const next = rank(
      thisWeek.map((s) => (s.code === '411322105004' ? { ...s, score: 99, interval: [97, 100] as const } : s)),
      now,
    );
    expect(next[0]).toMatchObject({ code: '411322105004', rank: 1, previousRank: 4, change: 3, scoreChange: 24 });
  });
});
