import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './router.js';
import { mayOpen } from './session.js';

describe('the report route', () => {
  it('parses #/plans/:id/report and writes it back', () => {
    const route = parseHash('#/plans/3f1c2b7e-0000-4000-8000-000000000001/report');
    expect(route).toEqual({ name: 'plan-report', id: '3f1c2b7e-0000-4000-8000-000000000001' });
    expect(hrefFor(route)).toBe('#/plans/3f1c2b7e-0000-4000-8000-000000000001/report');
    expect(parseHash('#/plans/x/other')).toEqual({ name: 'not-found', path: '/plans/x/other' });
  });

  it('is open to planners and leaders (the API decides which plans), not to inspectors, rectifiers or admins', () => {
    const route = parseHash('#/plans/p1/report');
    expect(mayOpen('planner', route)).toBe(true);
    expect(mayOpen('leader', route)).toBe(true);
    expect(mayOpen('inspector', route)).toBe(false);
    expect(mayOpen('rectifier', route)).toBe(false);
    expect(mayOpen('admin', route)).toBe(false);
  });
});
