import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawVillages } from './villages.js';

const villages = [
  ...Array.from({ length: 8 }, (_, i) => ({ code: `41132210020${i}`, townCode: '411322100000' })),
  ...Array.from({ length: 2 }, (_, i) => ({ code: `41132210120${i}`, townCode: '411322101000' })),
];

describe('drawing villages per town', () => {
  it('takes the k smallest tickets of each town, and a small town whole', () => {
    const drawn = drawVillages('12345678901234567890', villages, 3);
    const town = villages.filter((v) => v.townCode === '411322100000');
    const expected = town
      .map((v) => ({ code: v.code, t: createHash('sha256').update(`12345678901234567890\u0000village\u0000${v.code}`).digest('hex') }))
      .sort((a, b) => a.t.localeCompare(b.t))
      .slice(0, 3)
      .map((v) => v.code);
    expect(drawn).toEqual([...expected, '411322101200', '411322101201'].sort());
  });

  it('does not depend on the order of the list, and changes with the seed', () => {
    const a = drawVillages('seed-a', villages, 2);
    expect(drawVillages('seed-a', [...villages].reverse(), 2)).toEqual(a);
    const others = ['seed-b', 'seed-c', 'seed-d'].map((s) => drawVillages(s, villages, 2).join());
    expect(others.some((o) => o !== a.join())).toBe(true);
  });
});
