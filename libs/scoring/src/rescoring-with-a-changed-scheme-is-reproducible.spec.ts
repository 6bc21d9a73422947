import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPONENTS, DEFAULT_SCHEME, schemeFingerprint, scoreRound, type InspectionRound, type ScoringScheme } from './index.js';

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as T;
/** A stored round of field data (six villages, two towns) and the scheme an admin changed the week after. */
const round = read<InspectionRound>('round-2024-06-03.json');
const scheme2 = read<ScoringScheme>('scheme-2024.2.json');

describe('re-scoring a stored round', () => {
  it('gives identical output for the same round and scheme', () => {
    const a = scoreRound(round, DEFAULT_SCHEME);
    const b = scoreRound(read<InspectionRound>('round-2024-06-03.json'), structuredClone(DEFAULT_SCHEME));
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a); // plain data: stores and reloads as it is
  });

  it('records which scheme exactly: the fingerprint ignores key order and sees every change', () => {
    const reversedKeys = (x: unknown): unknown =>
      x !== null && typeof x === 'object' ? Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reversedKeys(v)])) : x;
    const reordered = reversedKeys(DEFAULT_SCHEME) as ScoringScheme;
    expect(Object.keys(reordered)[0]).toBe('maxLedgerPenalty');
    expect(schemeFingerprint(reordered)).toBe(schemeFingerprint(DEFAULT_SCHEME));
    expect(schemeFingerprint(scheme2)).not.toBe(schemeFingerprint(DEFAULT_SCHEME));
    expect(schemeFingerprint({ ...DEFAULT_SCHEME, version: '2024.1b' })).not.toBe(schemeFingerprint(DEFAULT_SCHEME));
    expect(schemeFingerprint(DEFAULT_SCHEME)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('re-scores every village exactly as the new component weights say', () => {
    const before = scoreRound(round, DEFAULT_SCHEME);
    const after = scoreRound(round, scheme2);
    expect(after.schemeVersion).toBe('2024.2');
    expect(after.schemeFingerprint).toBe(schemeFingerprint(scheme2));
    let changed = 0;
    before.villageScores.forEach((old, i) => {
      // Only the component weights changed, so each component's value stays and the score is
      // Σ w₂(c)·value(c) / Σ w₂(present).
      let points = 0;
      let present = 0;
      for (const line of old.breakdown) {
        if (line.value === null) continue;
        points += scheme2.components[line.component] * line.value;
        present += scheme2.components[line.component];
      }
      const rescored = after.villageScores[i];
      expect(rescored.breakdown.map((b) => b.value)).toEqual(old.breakdown.map((b) => b.value));
      expect(rescored.score).toBeCloseTo(points / present, 9);
      if (Math.abs(rescored.score - old.score) > 1e-9) changed += 1;
    });
    expect(changed).toBeGreaterThan(0);
    expect(COMPONENTS.some((c) => scheme2.components[c] !== DEFAULT_SCHEME.components[c])).toBe(true);
  });

  it('moves only the household component when severity weights change', () => {
    const harsher: ScoringScheme = { ...DEFAULT_SCHEME, version: '2024.1-harsh', severityWeights: { 一般: 0.5, 较重: 0.8, 严重: 1 } };
    const before = scoreRound(round, DEFAULT_SCHEME);
    const after = scoreRound(round, harsher);
    before.villageScores.forEach((old, i) => {
      const now = after.villageScores[i];
      for (const c of COMPONENTS.filter((c) => c !== 'households')) {
        expect(now.breakdown.find((b) => b.component === c)!.value).toBe(old.breakdown.find((b) => b.component === c)!.value);
      }
      expect(now.score).toBeLessThanOrEqual(old.score + 1e-12);
    });
  });
});
