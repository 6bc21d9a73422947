import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash, type Route } from './router.js';

describe('hash routes', () => {
  it('opens the overview for an empty hash or #/', () => {
    expect(parseHash('')).toEqual({ name: 'overview' });
    expect(parseHash('#/')).toEqual({ name: 'overview' });
  });

  it('reads the town filter of the village list', () => {
    expect(parseHash('#/villages?town=411322100000')).toEqual({ name: 'villages', town: '411322100000' });
    expect(parseHash('#/villages')).toEqual({ name: 'villages', town: null });
  });

  it('reads a village code from the detail path', () => {
    expect(parseHash('#/villages/411322100001')).toEqual({ name: 'village', code: '411322100001' });
  });

  it('reports unknown paths instead of silently showing the overview', () => {
    expect(parseHash('#/teams/7')).toEqual({ name: 'not-found', path: '/teams/7' });
    expect(parseHash('#/plans/7/extra')).toEqual({ name: 'not-found', path: '/plans/7/extra' });
  });

  it('tells the new-plan form apart from a plan id', () => {
    expect(parseHash('#/plans/new')).toEqual({ name: 'plan-new' });
    expect(parseHash('#/plans/abc')).toEqual({ name: 'plan', id: 'abc' });
  });

  it('reads an inspector’s day and refuses a day that is not a date', () => {
    expect(parseHash('#/today')).toEqual({ name: 'my-days' });
    expect(parseHash('#/today/p1/2026-11-24')).toEqual({ name: 'my-day', planId: 'p1', date: '2026-11-24' });
    expect(parseHash('#/today/p1/tomorrow')).toEqual({ name: 'not-found', path: '/today/p1/tomorrow' });
  });

  it('tells the inspector’s route sheet (own day) from the planner’s (a chosen team)', () => {
    expect(parseHash('#/sheet/p1/2026-11-24')).toEqual({ name: 'route-sheet', planId: 'p1', date: '2026-11-24', teamId: null });
    expect(parseHash('#/sheet/p1/2026-11-24/t2')).toEqual({ name: 'route-sheet', planId: 'p1', date: '2026-11-24', teamId: 't2' });
  });

  it('builds links that parse back to the same route', () => {
    const routes: Route[] = [
      { name: 'overview' },
      { name: 'towns' },
      { name: 'villages', town: null },
      { name: 'villages', town: '411322100000' },
      { name: 'village', code: '411322100001' },
      { name: 'import' },
      { name: 'plans' },
      { name: 'plan-new' },
      { name: 'plan', id: '6f1c2d3e-0000-4000-8000-000000000001' },
      { name: 'users' },
      { name: 'checklists' },
      { name: 'access-log', targetType: null, targetId: null },
      { name: 'access-log', targetType: 'plan', targetId: '6f1c2d3e-0000-4000-8000-000000000001' },
      { name: 'my-days' },
      { name: 'my-day', planId: '6f1c2d3e-0000-4000-8000-000000000001', date: '2026-11-24' },
      { name: 'route-sheet', planId: '6f1c2d3e-0000-4000-8000-000000000001', date: '2026-11-24', teamId: null },
      { name: 'route-sheet', planId: '6f1c2d3e-0000-4000-8000-000000000001', date: '2026-11-24', teamId: '7a1c2d3e-0000-4000-8000-000000000002' },
    ];
    for (const route of routes) expect(parseHash(hrefFor(route))).toEqual(route);
  });
});
