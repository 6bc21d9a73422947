import { readFileSync } from 'node:fs';
import type { HouseholdRecord } from '@lookback/contracts';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { draw } from './draw.js';

const county = JSON.parse(readFileSync(new URL('./__fixtures__/small-county.json', import.meta.url), 'utf8')) as { households: HouseholdRecord[] };

function shuffled<T>(items: readonly T[], seed: string): T[] {
  const random = seedrandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('the order of the roster rows does not change the draw', () => {
  it('gives the same canonical record for five shuffles and the reversed roster', () => {
    const settings = { mustVisit: ['3412251010030005'] };
    const expected = canonicalJson(draw({ seed: 'order-independence', households: county.households, settings }));
    const orders = [...['a', 'b', 'c', 'd', 'e'].map((s) => shuffled(county.households, s)), [...county.households].reverse()];
    for (const households of orders) {
      expect(households.map((h) => h.householdNo)).not.toEqual(county.households.map((h) => h.householdNo));
      expect(canonicalJson(draw({ seed: 'order-independence', households, settings }))).toBe(expected);
    }
  });

  it('changes with the seed', () => {
    const a = draw({ seed: 'seed-one', households: county.households }).villages[0].sample.map((d) => d.householdNo);
    const b = draw({ seed: 'seed-two', households: county.households }).villages[0].sample.map((d) => d.householdNo);
    expect(a).not.toEqual(b);
  });
});
