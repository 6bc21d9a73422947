import type { VillageDto } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';
import { drawWarnings, emptyPlanForm, groupVillagesByTown, mayVerify, PLAN_STATUS_LABELS, planActions, planRequestFromForm, type PlanForm } from './plans.js';

const form = (patch: Partial<PlanForm>): PlanForm => ({ ...emptyPlanForm(), name: '2023年第四季度回头看', ...patch });

describe('plan statuses and what they allow', () => {
  it('labels every status in the users’ words', () => {
    expect(PLAN_STATUS_LABELS).toEqual({ draft: '草稿', sealed: '已封存', revealed: '已公开种子', completed: '已完成' });
  });

  it('allows redraws only before sealing, then one step forward at a time', () => {
    expect(planActions('draft')).toEqual(['redraw', 'seal']);
    expect(planActions('sealed')).toEqual(['reveal']);
    expect(planActions('revealed')).toEqual(['complete']);
    expect(planActions('completed')).toEqual([]);
  });

  it('offers verification only once the seed is public', () => {
    expect(mayVerify('draft')).toBe(false);
    expect(mayVerify('sealed')).toBe(false);
    expect(mayVerify('revealed')).toBe(true);
    expect(mayVerify('completed')).toBe(true);
  });
});

describe('the new-plan form becomes POST /api/plans', () => {
  it('sends the ticked villages, and leaves seed and settings to the server when untouched', () => {
    const result = planRequestFromForm(form({ villages: ['411322100201', '411322100202'], seed: '   ' }));
    expect(result).toEqual({ ok: true, value: { name: '2023年第四季度回头看', villages: ['411322100201', '411322100202'] } });
  });

  it('sends k villages per town, the chosen towns and the public seed', () => {
    const result = planRequestFromForm(form({ mode: 'per-town', perTown: '2', towns: ['411322100000'], seed: ' 31415926535897932384 ' }));
    expect(result).toEqual({ ok: true, value: { name: '2023年第四季度回头看', perTown: 2, towns: ['411322100000'], seed: '31415926535897932384' } });
  });

  it("refuses a seed short enough to guess, with the API's reason", () => {
    const result = planRequestFromForm(form({ villages: ['411322100201'], seed: '20261124' }));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/种子太短（8 个字符）/) });
  });

  it('sends the settings once a weight or the per-village count is changed', () => {
    const f = form({ villages: ['411322100201'], perVillage: '20' });
    const strata = { ...f.strata, ordinary: { weight: '2', minimum: '2' } };
    const result = planRequestFromForm({ ...f, strata });
    expect(result.ok && result.value.settings?.perVillage).toBe(20);
    expect(result.ok && result.value.settings?.strata?.ordinary).toEqual({ weight: 2, minimum: 2 });
    expect(result.ok && result.value.settings?.strata?.monitored).toEqual({ weight: 4, minimum: 1 });
  });

  it('refuses what the API would refuse, with the reason', () => {
    expect(planRequestFromForm(form({ name: ' ' }))).toEqual({ ok: false, message: '请填写方案名称' });
    expect(planRequestFromForm(form({ villages: [] }))).toEqual({ ok: false, message: '请至少勾选一个抽查村' });
    expect(planRequestFromForm(form({ villages: ['411322100201'], perVillage: '14' }))).toEqual({ ok: false, message: '每村抽查户数应为不少于 15 的整数' });
    expect(planRequestFromForm(form({ mode: 'per-town', perTown: '0' }))).toEqual({ ok: false, message: '每个乡镇抽取的村数应为 1–100 的整数' });
    const f = form({ villages: ['411322100201'] });
    const bad = planRequestFromForm({ ...f, strata: { ...f.strata, monitored: { weight: '0', minimum: '1' } } });
    expect(bad).toEqual({ ok: false, message: '分层“监测对象”的权重应为 1–1000 的整数' });
    const never = planRequestFromForm({ ...f, strata: { ...f.strata, ordinary: { weight: '1', minimum: '0' } } });
    expect(never).toEqual({ ok: false, message: '分层“一般农户”的最少户数应为不小于 1 的整数' });
  });
});

describe('villages grouped by town for the checklist', () => {
  const village = (code: string, townCode: string, townName: string) => ({ code, name: code, townCode, townName }) as VillageDto;

  it('groups by town in code order', () => {
    const groups = groupVillagesByTown([
      village('411322101202', '411322101000', '乙镇'),
      village('411322100202', '411322100000', '甲镇'),
      village('411322100201', '411322100000', '甲镇'),
    ]);
    expect(groups.map((g) => [g.townName, g.villages.map((v) => v.code)])).toEqual([
      ['甲镇', ['411322100201', '411322100202']],
      ['乙镇', ['411322101202']],
    ]);
  });
});

describe('drawWarnings', () => {
  const village = (villageName: string, households: number, roles: string[]) => ({ villageName, households, interviewees: roles.map((role, i) => ({ cadreNo: `GB${i}`, role, basis: 'required' })) });
  const both = ['村党支部书记', '乡村振兴专干'];

  it('says nothing for villages of at least the floor with their secretary and 专干', () => {
    expect(drawWarnings({ settings: { perVillage: 15 }, villages: [village('甲村', 15, both), village('乙村', 300, [...both, '网格员'])] } as never)).toEqual([]);
  });

  it('names the villages under the floor and those whose cadre roster lacks a required role', () => {
    const warnings = drawWarnings({ settings: { perVillage: 15 }, villages: [village('小测村', 8, both), village('测试乙村', 1, both), village('测试甲村', 40, ['村党支部书记'])] } as never);
    expect(warnings).toEqual([
      '小测村（8 户）、测试乙村（1 户）不足每村 15 户，已全部入户；如需补足，请核对农户名单是否完整。',
      '测试甲村的干部名单中没有乡村振兴专干，无法安排访谈和知识测试；请先导入该村的干部名单再抽样。',
    ]);
  });
});
