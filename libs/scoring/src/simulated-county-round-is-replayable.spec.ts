import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, scoreRound, simulateInspectionRound } from './index.js';

describe('the simulated round the benchmark scores', () => {
  it('has the requested size and is the same for the same seed', () => {
    const size = { villages: 60, visitsPerVillage: 15, findings: 5000 };
    const a = simulateInspectionRound('bench', size);
    expect(a.villages).toHaveLength(60);
    expect(a.villages.reduce((n, v) => n + v.visits.length, 0)).toBe(900);
    expect(a.villages.reduce((n, v) => n + v.visits.reduce((m, h) => m + h.findings.length, 0), 0)).toBe(5000);
    expect(simulateInspectionRound('bench', size)).toEqual(a);
    expect(simulateInspectionRound('other', size)).not.toEqual(a);
  });

  it('scores and ranks every village and town of it', () => {
    const snapshot = scoreRound(simulateInspectionRound('bench', { villages: 60, visitsPerVillage: 15, findings: 5000, towns: 6 }), DEFAULT_SCHEME);
    expect(snapshot.villages).toHaveLength(60);
    expect(snapshot.towns).toHaveLength(6);
    for (const t of snapshot.townScores) {
      const own = snapshot.villageScores.filter((v) => v.townCode === t.townCode);
      expect(t.households).toBe(own.reduce((n, v) => n + v.households, 0));
    }
    for (const v of snapshot.villageScores) {
      expect(v.interval[0]).toBeLessThanOrEqual(v.score);
      expect(v.interval[1]).toBeGreaterThanOrEqual(v.score);
    }
  });
});
