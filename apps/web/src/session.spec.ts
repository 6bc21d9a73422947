import { describe, expect, it } from 'vitest';
import { homeRoute, mayManagePlans, mayOpen, navItemsFor } from './session.js';

const labels = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.label);

describe('navigation follows the role', () => {
  it('gives the admin user management and the access log but never plans', () => {
    expect(labels('admin')).toEqual(['首页', '乡镇', '行政村', '数据导入', '排查表', '评分方案', '用户管理', '访问日志']);
    expect(mayOpen('admin', { name: 'plans' })).toBe(false);
    expect(mayOpen('admin', { name: 'plan', id: 'x' })).toBe(false);
  });

  it('gives the planner plans and the access log but not user management', () => {
    expect(labels('planner')).toEqual(['首页', '乡镇', '行政村', '数据导入', '督查方案', '排队', '领导驾驶舱', '测试分析', '排查表', '访问日志', '整改台账']);
    expect(mayOpen('inspector', { name: 'checklists' })).toBe(false);
    expect(mayOpen('planner', { name: 'plan-new' })).toBe(true);
    expect(mayOpen('planner', { name: 'users' })).toBe(false);
  });

  it('lets the leader read plans without importing data or drawing new plans', () => {
    expect(labels('leader')).toEqual(['领导驾驶舱', '排队', '测试分析', '首页', '乡镇', '行政村', '督查方案', '整改台账']);
    expect(mayOpen('leader', { name: 'ranking-village', code: '411322100201', week: null })).toBe(true);
    expect(mayOpen('leader', { name: 'scoring-schemes' })).toBe(false);
    expect(mayOpen('leader', { name: 'plan', id: 'x' })).toBe(true);
    expect(mayOpen('leader', { name: 'plan-new' })).toBe(false);
    expect(mayOpen('leader', { name: 'import' })).toBe(false);
    expect(mayManagePlans('leader')).toBe(false);
  });

  it('opens on 今日路线 for inspectors, on the dashboard for leaders, on the ledger for rectifiers and on the overview for everyone else', () => {
    expect(homeRoute('inspector')).toEqual({ name: 'my-days' });
    expect(homeRoute('leader')).toEqual({ name: 'dashboard' });
    expect(homeRoute('planner')).toEqual({ name: 'overview' });
    expect(homeRoute('rectifier')).toEqual({ name: 'ledger', status: null, town: null, overdue: false, plan: null });
  });

  it('lets an inspector print their own day but not a chosen team’s, and a planner the other way round', () => {
    expect(mayOpen('inspector', { name: 'route-sheet', planId: 'p', date: '2026-11-24', teamId: null })).toBe(true);
    expect(mayOpen('inspector', { name: 'route-sheet', planId: 'p', date: '2026-11-24', teamId: 't' })).toBe(false);
    expect(mayOpen('planner', { name: 'route-sheet', planId: 'p', date: '2026-11-24', teamId: 't' })).toBe(true);
    expect(mayOpen('planner', { name: 'my-days' })).toBe(false);
  });

  it('shows inspectors their route and the home page, rectifiers their ledger items and the home page', () => {
    expect(labels('inspector')).toEqual(['今日路线', '首页']);
    expect(labels('rectifier')).toEqual(['整改台账', '首页']);
    expect(mayOpen('rectifier', { name: 'ledger-item', id: 'x' })).toBe(true);
    expect(mayOpen('inspector', { name: 'ledger', status: null, town: null, overdue: false, plan: null })).toBe(false);
    expect(mayOpen('rectifier', { name: 'rankings', level: 'village', week: null })).toBe(false);
    expect(mayOpen('inspector', { name: 'dashboard' })).toBe(false);
    expect(mayOpen('rectifier', { name: 'villages', town: null })).toBe(false);
    expect(mayOpen('inspector', { name: 'access-log', targetType: null, targetId: null })).toBe(false);
  });

  it('keeps the plans link highlighted on a plan and on the new-plan form', () => {
    const plans = navItemsFor('planner').find((item) => item.testId === 'nav-plans');
    expect(plans?.matches).toEqual(expect.arrayContaining(['plans', 'plan', 'plan-new']));
  });

  it('lets anyone see the not-found page', () => {
    expect(mayOpen('rectifier', { name: 'not-found', path: '/x' })).toBe(true);
  });
});
