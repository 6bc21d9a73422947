import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';

import { generateCounty } from './generate-county.js';

const hash = (value: unknown) => bytesToHex(sha256(utf8ToBytes(JSON.stringify(value))));

describe('same seed gives the same county', () => {
  it('replays the demo county row for row from the same seed', () => {
    const a = generateCounty({ size: 'demo', seed: 'replay' });
    const b = generateCounty({ size: 'demo', seed: 'replay' });
    expect(a.households.length).toBeGreaterThan(0);
    expect(hash(a)).toBe(hash(b));
  }, 30_000);

  it('gives a different county for a different seed', () => {
    const a = generateCounty({ size: 'tiny', seed: 'one' });
    const b = generateCounty({ size: 'tiny', seed: 'two' });
    expect(hash(a.households)).not.toBe(hash(b.households));
    expect(hash(a.cadres)).not.toBe(hash(b.cadres));
    expect(hash(a.projects)).not.toBe(hash(b.projects));
  });

  it('uses the default seed when none is given', () => {
    expect(hash(generateCounty({ size: 'tiny' }))).toBe(hash(generateCounty({ size: 'tiny', seed: 'fangcheng-2023' })));
  });

  it('keeps village locations fixed across seeds, so maps of two demos line up', () => {
    const a = generateCounty({ size: 'tiny', seed: 'one' }).villages.map((v) => [v.code, v.lng, v.lat]);
    const b = generateCounty({ size: 'tiny', seed: 'two' }).villages.map((v) => [v.code, v.lng, v.lat]);
    expect(a).toEqual(b);
  });

  it('rejects an unknown size instead of guessing', () => {
    expect(() => generateCounty({ size: 'huge' as never })).toThrow(/unknown county size "huge"/);
  });
});
