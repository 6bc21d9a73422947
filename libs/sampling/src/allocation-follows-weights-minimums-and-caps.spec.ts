import { describe, expect, it } from 'vitest';
import { allocate } from './allocation.js';

describe('allocation n_h ∝ w_h·N_h with minimums, caps and largest remainders', () => {
  it('reproduces the worked example of docs/sampling.md (蒿沟村, 60 households, n = 15)', () => {
    // monitored, 低保/特困, 大病/残疾, 独居老人, 低收入, 其他脱贫户, 一般农户
    const sizes = [6, 6, 5, 4, 3, 16, 20];
    const weights = [4, 4, 3, 3, 3, 2, 1];
    const strata = sizes.map((population, h) => ({ population, weight: weights[h], minimum: 1 }));
    // λ = 15/136 puts 低收入 at 9·15/136 < 1: fixed at its minimum; then R = 14, A = 127;
    // floors 2,2,1,1,·,3,2 = 11 (+1) and remainders 82,82,83,41,·,67,26 (/127) give the last 3 seats.
    expect(allocate(strata, 15)).toEqual([3, 3, 2, 1, 1, 3, 2]);
  });

  it('caps a stratum at its size and hands the excess to the others', () => {
    const strata = [
      { population: 2, weight: 10, minimum: 1 },
      { population: 100, weight: 1, minimum: 0 },
    ];
    expect(allocate(strata, 15)).toEqual([2, 13]);
  });

  it('grants minimums in precedence order when the sample cannot cover them all', () => {
    const strata = [5, 5, 5, 5].map((population) => ({ population, weight: 1, minimum: 1 }));
    expect(allocate(strata, 3)).toEqual([1, 1, 1, 0]);
  });

  it('breaks equal remainders by precedence and always sums to n without exceeding N_h', () => {
    const strata = [3, 3, 3].map((population) => ({ population, weight: 1, minimum: 0 }));
    expect(allocate(strata, 4)).toEqual([2, 1, 1]);
    for (let n = 0; n <= 40; n++) {
      const mixed = [
        { population: 7, weight: 4, minimum: 1 },
        { population: 1, weight: 3, minimum: 1 },
        { population: 0, weight: 3, minimum: 1 },
        { population: 12, weight: 2, minimum: 2 },
        { population: 20, weight: 1, minimum: 0 },
      ];
      const result = allocate(mixed, n);
      expect(result.reduce((a, b) => a + b, 0)).toBe(n);
      result.forEach((nh, h) => expect(nh).toBeLessThanOrEqual(mixed[h].population));
    }
  });

  it('refuses a sample larger than the strata', () => {
    expect(() => allocate([{ population: 3, weight: 1, minimum: 0 }], 4)).toThrow();
  });
});
