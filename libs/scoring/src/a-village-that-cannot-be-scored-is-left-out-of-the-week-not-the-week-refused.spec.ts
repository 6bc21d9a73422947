import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, scoreRound, scoreRoundSkipping, simulateInspectionRound, type VillageInspection } from './index.js';

describe('a village that cannot be scored is left out of the week, not the week refused', () => {
  const round = simulateInspectionRound('skipping', { villages: 12, visitsPerVillage: 6, findings: 30, towns: 3 });
  // The fifth village lost every visit of one stratum: no unbiased estimate exists for it.
  const broken: VillageInspection = { ...round.villages[4], visits: round.villages[4].visits.filter((v) => v.stratum !== 'ordinary') };
  const withBroken = { ...round, villages: round.villages.map((v, i) => (i === 4 ? broken : v)) };

  it('lists the village with the library’s reason and ranks the others exactly as scoreRound would', () => {
    expect(() => scoreRound(withBroken, DEFAULT_SCHEME)).toThrow(/No household visited in stratum ordinary/);
    const { snapshot, kept, refused } = scoreRoundSkipping(withBroken, DEFAULT_SCHEME);
    expect(refused.map((r) => [r.villageCode, r.error.code])).toEqual([[broken.villageCode, 'UNVISITED_STRATUM']]);
    expect(kept).toHaveLength(11);
    expect(snapshot).toEqual(scoreRound({ asOf: round.asOf, villages: kept }, DEFAULT_SCHEME));
    expect(snapshot.villages.map((v) => v.code)).not.toContain(broken.villageCode);
  });

  it('gives scoreRound’s snapshot when every village can be scored', () => {
    expect(scoreRoundSkipping(round, DEFAULT_SCHEME).snapshot).toEqual(scoreRound(round, DEFAULT_SCHEME));
  });
});
