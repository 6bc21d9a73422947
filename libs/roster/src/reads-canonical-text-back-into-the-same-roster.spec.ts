import { describe, expect, it } from 'vitest';

import { roster } from './__fixtures__/roster.js';
import { canonicalRoster, parseCanonicalRoster, rosterHash } from './index.js';

const byKey = <T>(rows: readonly T[], key: (r: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('reading a stored snapshot back', () => {
  it('gives back every record, field for field, and the same hash', () => {
    const parsed = parseCanonicalRoster(canonicalRoster(roster));
    expect(parsed.villages).toEqual(byKey(roster.villages, (v) => v.code));
    expect(parsed.households).toEqual(byKey(roster.households, (h) => h.householdNo));
    expect(parsed.projects).toEqual(byKey(roster.projects, (p) => p.projectCode));
    expect(parsed.assets).toEqual(byKey(roster.assets, (a) => a.assetCode));
    expect(parsed.cadres).toEqual(byKey(roster.cadres, (c) => c.cadreNo));
    expect(rosterHash(parsed)).toBe(rosterHash(roster));
  });

  it('refuses text that is not canonical', () => {
    expect(() => parseCanonicalRoster('["x"]\n')).toThrow(/before any section/);
    expect(() => parseCanonicalRoster('#people\n')).toThrow(/unknown section/);
  });
});
