import { readFileSync } from 'node:fs';
import type { HouseholdRecord } from '@lookback/contracts';
import { frameHash } from './frame.js';
import { describe, expect, it } from 'vitest';
import { draw } from './draw.js';

const county = JSON.parse(readFileSync(new URL('./__fixtures__/small-county.json', import.meta.url), 'utf8')) as { households: HouseholdRecord[] };
// Village 蒿沟村: 60 households spread over all seven random strata.
const households = county.households.filter((h) => h.villageCode === '341225100001');

describe('over 2,000 public seeds, each household is drawn as often as its reported inclusion probability says', () => {
  it('keeps every empirical frequency within 4.5 binomial standard errors of π', () => {
    const runs = 2000;
    const snapshotHash = frameHash(households);
    const hits = new Map<string, number>(households.map((h) => [h.householdNo, 0]));
    const reported = new Map<string, number>();
    for (let k = 0; k < runs; k++) {
      const village = draw({ seed: `frequency-test-${k}`, households, snapshotHash }).villages[0];
      for (const s of village.strata) {
        for (const r of s.reserve) reported.set(r.householdNo, s.probability);
      }
      for (const d of village.sample) {
        hits.set(d.householdNo, hits.get(d.householdNo)! + 1);
        const previous = reported.get(d.householdNo);
        // The design (hence π) does not depend on the seed.
        if (previous !== undefined) expect(d.probability).toBe(previous);
        reported.set(d.householdNo, d.probability);
      }
    }
    expect(households.length).toBe(60);
    expect(reported.size).toBe(60);
    let compared = 0;
    for (const h of households) {
      const pi = reported.get(h.householdNo)!;
      expect(pi).toBeGreaterThan(0);
      const frequency = hits.get(h.householdNo)! / runs;
      const se = Math.sqrt((pi * (1 - pi)) / runs);
      expect(Math.abs(frequency - pi), `${h.householdNo}: drawn ${frequency}, π = ${pi}`).toBeLessThanOrEqual(4.5 * se + 1e-12);
      compared++;
    }
    expect(compared).toBe(60);
  });
});
