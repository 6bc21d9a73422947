import { readFileSync } from 'node:fs';
import type { HouseholdRecord } from '@lookback/contracts';
import { maskName } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';
import { draw } from './draw.js';
import { frameHash } from './frame.js';
import { verify } from './verify.js';

const county = JSON.parse(readFileSync(new URL('./__fixtures__/small-county.json', import.meta.url), 'utf8')) as { households: HouseholdRecord[] };

describe('the sampling frame hash', () => {
  it('ignores names, member counts and coordinates, so a masked export still verifies', () => {
    const record = draw({ seed: '9 9 9', households: county.households });
    const masked = county.households.map((h) => ({ ...h, headName: maskName(h.headName), lng: null, lat: null, members: h.members + 1 }));
    expect(frameHash(masked)).toBe(frameHash(county.households));
    expect(verify({ ...record, seed: '9 9 9' }, masked)).toMatchObject({ match: true });
  });

  it('changes with anything that decides the draw', () => {
    const base = frameHash(county.households);
    const change = (f: (h: HouseholdRecord) => HouseholdRecord) => frameHash(county.households.map((h, i) => (i === 3 ? f(h) : h)));
    expect(change((h) => ({ ...h, incomePerCapita: h.incomePerCapita + 0.01 }))).not.toBe(base);
    expect(change((h) => ({ ...h, elderlyAlone: !h.elderlyAlone }))).not.toBe(base);
    expect(change((h) => ({ ...h, villageCode: '341225100999' }))).not.toBe(base);
    expect(change((h) => ({ ...h, householdType: h.householdType === '一般农户' ? '脱贫户' : '一般农户' }))).not.toBe(base);
  });
});
