import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, allows } from '../../apps/api/src/auth/access-matrix.js';
import { ROLES, type Role } from '../../apps/api/src/auth/roles.js';
import { SESSION_COOKIE } from '../../apps/api/src/auth/request-user.js';
import { tokenFor } from '../support/accounts.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) tokens.set(role, await tokenFor(t.baseUrl, t.db, role, `malformed-${role}`));
});
afterAll(() => t.close());

/** Ids that pass a loose "36 characters of hex and dashes" check but are no UUID to PostgreSQL. */
const NOT_IDS = ['------------------------------------', 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaa-', '%E0%A4%A'];

// Every route with a path parameter, called by a role allowed to (so the id reaches the service).
const cases = Object.entries(ACCESS_MATRIX)
  .filter(([key]) => key.includes('/:'))
  .flatMap(([key, spec]) => {
    const role = spec.rule === 'public' || spec.rule === 'signed-in' ? 'planner' : ROLES.find((r) => allows(spec.rule, r));
    return role ? NOT_IDS.map((id) => ({ key, role, id, body: spec.body })) : [];
  });

describe.each(cases)('$key with "$id" as $role', ({ key, role, id, body }) => {
  it('is refused with a 4xx and a Chinese message', async () => {
    const [method, pattern] = key.split(' ');
    const path = pattern.replace(/:[A-Za-z]+/g, id);
    const response = await fetch(t.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${tokens.get(role)}`, 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
    expect(response.status, `${method} ${path}`).toBeLessThan(500);
    expect(((await response.json()) as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('a session cookie that is not percent-encoded text', () => {
  it('is no session (401 on a signed-in route, 200 on a public one), not a server error', async () => {
    const cookie = `${SESSION_COOKIE}=%E0%A4%A`;
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/health`, { headers: { cookie } })).status).toBe(200);
  });
});
