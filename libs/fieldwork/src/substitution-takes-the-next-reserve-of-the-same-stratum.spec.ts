import { describe, expect, it } from 'vitest';
import { VILLAGE_DRAW } from './__fixtures__/village-draw.js';
import { substitution } from './__fixtures__/records.js';
import { describeSubstitution, nextReserve, validateSubstitution } from './index.js';

describe('substituting an absent household', () => {
  it('takes the first reserve of the same stratum not yet taken, in the draw order', () => {
    expect(nextReserve(VILLAGE_DRAW, 'monitored', [])?.householdNo).toBe('M-R1');
    expect(nextReserve(VILLAGE_DRAW, 'monitored', ['M-R1'])?.householdNo).toBe('M-R2');
    expect(nextReserve(VILLAGE_DRAW, 'ordinary', ['M-R1', 'M-R2'])?.householdNo).toBe('O-R1');
    expect(nextReserve(VILLAGE_DRAW, 'monitored', ['M-R1', 'M-R2'])).toBeNull();
    expect(nextReserve(VILLAGE_DRAW, 'elderly-alone', [])).toBeNull();
  });

  it('accepts the next reserve and logs it in words the planner reads', () => {
    const sub = substitution();
    expect(validateSubstitution(sub, VILLAGE_DRAW, [])).toEqual([]);
    expect(describeSubstitution(sub)).toBe('户 M2（监测对象）不在家，由替补户 M-R1 替换');
  });

  it('refuses skipping a reserve', () => {
    expect(validateSubstitution(substitution({ replacementHouseholdNo: 'M-R2' }), VILLAGE_DRAW, [])).toEqual([
      '应按抽样顺序由“监测对象”层的下一个替补户 M-R1 替换，而不是 M-R2',
    ]);
  });

  it('refuses a reserve of another stratum', () => {
    expect(validateSubstitution(substitution({ replacementHouseholdNo: 'O-R1' }), VILLAGE_DRAW, [])).toEqual([
      '应按抽样顺序由“监测对象”层的下一个替补户 M-R1 替换，而不是 O-R1',
    ]);
    expect(validateSubstitution(substitution({ stratum: 'ordinary', replacementHouseholdNo: 'O-R1' }), VILLAGE_DRAW, [])).toEqual([
      '户 M2 属于“监测对象”层，不是“一般农户”层',
      '应按抽样顺序由“监测对象”层的下一个替补户 M-R1 替换，而不是 O-R1',
    ]);
  });

  it('moves down the reserve list as households are replaced, and lets a replacement be replaced in turn', () => {
    const first = substitution();
    const second = substitution({ clientId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', absentHouseholdNo: 'M-R1', reason: 'refused', replacementHouseholdNo: 'M-R2' });
    expect(validateSubstitution(second, VILLAGE_DRAW, [first])).toEqual([]);
    const third = substitution({ clientId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', absentHouseholdNo: 'M3', replacementHouseholdNo: 'M-R3' });
    expect(validateSubstitution(third, VILLAGE_DRAW, [first, second])).toEqual(['“监测对象”层的替补户已用完，不能替换']);
  });

  it('requires a reason and refuses households that are not to be visited or were already replaced', () => {
    expect(validateSubstitution(substitution({ reason: '' as never }), VILLAGE_DRAW, [])).toEqual(['须填写替换原因：不在家、已搬迁、拒绝调查之一']);
    expect(validateSubstitution(substitution({ absentHouseholdNo: 'O-R2', stratum: 'ordinary' }), VILLAGE_DRAW, [])).toEqual([
      '户 O-R2 既不是抽中户，也不是已启用的替补户',
    ]);
    const again = substitution({ clientId: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f', replacementHouseholdNo: 'M-R2' });
    expect(validateSubstitution(again, VILLAGE_DRAW, [substitution()])).toEqual(['户 M2 已经被替换过']);
  });

  it('ignores substitutions of other plans and villages, and its own replay', () => {
    const otherPlan = substitution({ clientId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', planId: 'plan-old' });
    expect(validateSubstitution(substitution(), VILLAGE_DRAW, [otherPlan, substitution()])).toEqual([]);
  });
});
