import { describe, expect, it } from 'vitest';
import { seedStrengthProblem } from './text.js';

describe('seedStrengthProblem', () => {
  it('takes 20 dice digits, with or without spaces, and longer phrases', () => {
    expect(seedStrengthProblem('31415926535897932384')).toBeNull();
    expect(seedStrengthProblem('62431 55214 36621 14356')).toBeNull();
    expect(seedStrengthProblem('2026年第四季度回头看督查抽样种子公开仪式')).toBeNull();
  });

  it('refuses a short seed, counting characters (not bytes) and ignoring spaces', () => {
    expect(seedStrengthProblem('1')).toMatch(/种子太短（1 个字符）.*至少输入 20 个字符/);
    expect(seedStrengthProblem('20261124')).toMatch(/种子太短/);
    expect(seedStrengthProblem('1 2 3 4 5 6 1 2 3 4 5 6 1 2 3 4 5 6 1')).toMatch(/种子太短（19 个字符）/);
  });

  it('refuses a long seed of too few different characters', () => {
    expect(seedStrengthProblem('11111111111111111111')).toMatch(/过于单一/);
    expect(seedStrengthProblem('12121212121212121212')).toMatch(/过于单一/);
  });
});
