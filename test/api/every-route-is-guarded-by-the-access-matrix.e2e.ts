import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, allows } from '../../apps/api/src/auth/access-matrix.js';
import { ROLES, type Role } from '../../apps/api/src/auth/roles.js';
import { tokenFor } from '../support/accounts.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) tokens.set(role, await tokenFor(t.baseUrl, t.db, role, `matrix-${role}`));
  // Whole-county accounts trusted with full exports: what a route needs beyond its role (the roster
  // snapshot's download) is not the matrix's business.
  await t.db.query(`UPDATE app_user SET full_export = true WHERE username LIKE 'matrix-%'`);
});
afterAll(() => t.close());

/** Every route Express knows, as "METHOD /path". */
function mountedRoutes(): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  return express.router.stack
    .filter((layer) => layer.route && layer.route.path.startsWith('/api/'))
    .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`))
    .filter((key) => !key.includes('/api/docs'));
}

describe('the access matrix', () => {
  it('has a rule for every route, and every rule names a route', () => {
    const routes = mountedRoutes().sort();
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !(r in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });
});

// Generated: every route × (no session + every role). Allowed callers must get past the guard
// (any answer but 401/403); others are refused with 401 (no session) or 403.
const cases = Object.entries(ACCESS_MATRIX).flatMap(([key, spec]) =>
  [null, ...ROLES].map((role) => ({ key, spec, role, allowed: allows(spec.rule, role) })),
);

describe.each(cases)('$key as $role', ({ key, spec, role, allowed }) => {
  it(allowed ? 'is let through' : 'is refused', async () => {
    const method = key.split(' ')[0];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (role) headers.authorization = `Bearer ${tokens.get(role)}`;
    // Signing out would end the shared session of the role: use a fresh one.
    if (key === 'POST /api/auth/logout' && role) headers.authorization = `Bearer ${await tokenFor(t.baseUrl, t.db, role, `matrix-${role}`)}`;
    const response = await fetch(t.baseUrl + spec.example, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(spec.body ?? {}) });
    if (allowed) expect([401, 403]).not.toContain(response.status);
    else expect(response.status).toBe(role === null ? 401 : 403);
    const body = response.status === 204 ? null : await response.text();
    if (!allowed) expect(JSON.parse(body!).message).toMatch(/登录|权限/);
  });
});
