import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from '../router.js';
import { homeRoute, mayOpen } from '../session.js';

describe('ledger routes', () => {
  it('keep their filters through the address', () => {
    const route = { name: 'ledger', status: 'in-progress', town: '411322100000', overdue: true, plan: null } as const;
    expect(hrefFor(route)).toBe('#/ledger?status=in-progress&town=411322100000&overdue=1');
    expect(parseHash(hrefFor(route))).toEqual(route);
    expect(parseHash('#/ledger')).toEqual({ name: 'ledger', status: null, town: null, overdue: false, plan: null });
    expect(parseHash('#/ledger/abc')).toEqual({ name: 'ledger-item', id: 'abc' });
  });

  it('open to rectifiers (their home), planners and leaders, not to inspectors or admins', () => {
    const ledger = parseHash('#/ledger');
    expect(homeRoute('rectifier')).toEqual(ledger);
    expect(['rectifier', 'planner', 'leader'].every((r) => mayOpen(r as 'planner', ledger))).toBe(true);
    expect(mayOpen('inspector', ledger)).toBe(false);
    expect(mayOpen('admin', { name: 'ledger-item', id: 'x' })).toBe(false);
  });
});
