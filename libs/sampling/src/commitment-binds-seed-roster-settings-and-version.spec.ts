import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { commitment, seedFromRandomBytes } from './commitment.js';
import { SamplingError } from './errors.js';
import { resolveSettings } from './settings.js';
import { normaliseSeed } from './text.js';

const snapshot = 'a'.repeat(64);

describe('the commitment is SHA-256 over tag, version, seed, snapshot hash and canonical settings', () => {
  it('matches the published formula', () => {
    const settings = resolveSettings({ perVillage: 20, mustVisit: ['B', 'A', 'B'] });
    const text = ['lookback-draw-commitment', '1', '62431 55214', snapshot, canonicalJson(settings)].join('\u0000');
    expect(commitment(' 62431 55214\n', snapshot, settings, '1')).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(settings.mustVisit).toEqual(['A', 'B']);
  });

  it('changes when any input changes, and not when settings are spelled differently', () => {
    const base = commitment('seed', snapshot, {}, '1');
    expect(commitment('seed2', snapshot, {}, '1')).not.toBe(base);
    expect(commitment('seed', 'b'.repeat(64), {}, '1')).not.toBe(base);
    expect(commitment('seed', snapshot, { perVillage: 16 }, '1')).not.toBe(base);
    expect(commitment('seed', snapshot, {}, '2')).not.toBe(base);
    expect(commitment('seed', snapshot, { perVillage: 15, strata: { monitored: { weight: 4 } } }, '1')).toBe(base);
  });
});

describe('seeds are normalised before use', () => {
  it('applies NFC and trims, so a decomposed and a composed seed are the same seed', () => {
    expect(normaliseSeed('  Cafe\u0301 123 ')).toBe('Caf\u00e9 123');
    expect(commitment('Cafe\u0301', snapshot, {}, '1')).toBe(commitment('Caf\u00e9', snapshot, {}, '1'));
  });

  it('refuses empty seeds and control characters', () => {
    expect(() => normaliseSeed('   ')).toThrow(SamplingError);
    expect(() => normaliseSeed('12\u000034')).toThrow(SamplingError);
  });

  it('formats server-generated seeds from at least 128 random bits', () => {
    expect(seedFromRandomBytes(new Uint8Array(16).fill(171))).toBe('ab'.repeat(16));
    expect(() => seedFromRandomBytes(new Uint8Array(8))).toThrow(RangeError);
  });
});

describe('settings are validated', () => {
  it('refuses fewer than 15 households per village, unknown keys and fractional weights', () => {
    expect(() => resolveSettings({ perVillage: 10 })).toThrow(/perVillage/);
    expect(() => resolveSettings({ perVilage: 20 } as never)).toThrow(/perVilage/);
    expect(() => resolveSettings({ strata: { monitored: { weight: 1.5 } } })).toThrow(/monitored\.weight/);
  });
});

describe('canonical JSON', () => {
  it('sorts keys by code point and writes no white space', () => {
    expect(canonicalJson({ b: [1, { d: null, c: '户' }], a: true, '𠀋': 1, '\uffff': 2 })).toBe('{"a":true,"b":[1,{"c":"户","d":null}],"\uffff":2,"𠀋":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });
});
