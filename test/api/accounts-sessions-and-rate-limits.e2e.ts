import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../../apps/api/src/common/clock.js';
import { ensureUser, login, TEST_PASSWORD, tokenFor } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';
import { csv, importFile, useToken, VILLAGES } from './helpers.js';

class TestClock extends Clock {
  time = new Date('2026-11-23T08:00:00+08:00');
  now(): Date {
    return new Date(this.time);
  }
}

let t: TestApp;
const clock = new TestClock();
beforeAll(async () => {
  t = await startTestApp({}, clock);
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.query(`TRUNCATE login_failure`);
});

const post = (path: string, body: unknown, token?: string) =>
  fetch(t.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

describe('signing in', () => {
  it('answers a token and an HTTP-only session cookie that both authenticate', async () => {
    await ensureUser(t.db, 'alice', 'planner');
    const response = await post('/api/auth/login', { username: 'alice', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; user: { role: string; roleLabel: string } };
    expect(body.user).toMatchObject({ role: 'planner', roleLabel: '督查组长' });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/lookback_session=.+HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const viaCookie = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie: cookie.split(';')[0] } });
    expect(((await viaCookie.json()) as { username: string }).username).toBe('alice');
    const viaBearer = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(viaBearer.status).toBe(200);
    // Passwords are stored as argon2id hashes.
    const [{ password_hash }] = await t.db.query(`SELECT password_hash FROM app_user WHERE username = 'alice'`);
    expect(password_hash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a write the session cookie would carry from another site's page (CSRF); the same write from the app's own origin passes", async () => {
    const session = (await post('/api/auth/login', { username: 'alice', password: TEST_PASSWORD })).headers.get('set-cookie')!.split(';')[0];
    const write = (origin: string) =>
      fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie: session, origin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
    const forged = await write('https://evil.example');
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { message: string }).message).toMatch(/跨站请求被拒绝/);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie: session } })).status).toBe(200);
    expect((await write(t.baseUrl)).status).toBeLessThan(300);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    await ensureUser(t.db, 'bob', 'leader');
    const wrong = await post('/api/auth/login', { username: 'bob', password: 'not-it' });
    const unknown = await post('/api/auth/login', { username: 'nobody-here', password: 'whatever' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toBe(((await unknown.json()) as { message: string }).message);
  });

  it('stops brute force: after 5 refusals even the right password gets 429 saying when to retry', async () => {
    await ensureUser(t.db, 'carol', 'planner');
    for (let i = 0; i < 5; i++) expect((await post('/api/auth/login', { username: 'carol', password: `guess-${i}` })).status).toBe(401);
    const blocked = await post('/api/auth/login', { username: 'carol', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { message: string }).message).toMatch(/请在 \d+ 分钟后再试/);
    clock.time = new Date(clock.time.getTime() + 16 * 60_000);
    expect((await post('/api/auth/login', { username: 'carol', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('limits refusals per address across accounts too', async () => {
    for (let i = 0; i < 20; i++) await post('/api/auth/login', { username: `spray-${i}`, password: 'x' });
    await ensureUser(t.db, 'dave', 'planner');
    expect((await post('/api/auth/login', { username: 'dave', password: TEST_PASSWORD })).status).toBe(429);
    clock.time = new Date(clock.time.getTime() + 16 * 60_000);
  });

  it('tells a disabled account so, and disabling ends its sessions', async () => {
    const admin = await tokenFor(t.baseUrl, t.db, 'admin', 'root-admin');
    const erin = await tokenFor(t.baseUrl, t.db, 'inspector', 'erin');
    const patch = await fetch(`${t.baseUrl}/api/users/erin`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ disabled: true }) });
    expect(patch.status).toBe(200);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${erin}` } })).status).toBe(401);
    const again = await post('/api/auth/login', { username: 'erin', password: TEST_PASSWORD });
    expect(again.status).toBe(403);
    expect(((await again.json()) as { message: string }).message).toContain('停用');
  });

  it('lets an admin create an account that can then sign in, and refuses bad input clearly', async () => {
    const admin = await tokenFor(t.baseUrl, t.db, 'admin', 'root-admin');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${admin}` };
    const created = await fetch(`${t.baseUrl}/api/users`, { method: 'POST', headers, body: JSON.stringify({ username: 'frank', displayName: '王督查', role: 'inspector', password: 'frank-password-1' }) });
    expect(created.status).toBe(201);
    expect(await login(t.baseUrl, 'frank', 'frank-password-1')).toBeTruthy();
    const bad = await fetch(`${t.baseUrl}/api/users`, { method: 'POST', headers, body: JSON.stringify({ username: 'Frank!', displayName: '', role: 'boss', password: 'short', extra: 1 }) });
    expect(bad.status).toBe(400);
    const message = ((await bad.json()) as { message: string }).message;
    expect(message).toContain('username');
    expect(message).toContain('role');
    expect(message).toContain('密码至少 10 个字符');
    expect(message).toContain('extra');
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    await ensureUser(t.db, 'grace', 'leader');
    const one = await login(t.baseUrl, 'grace');
    const two = await login(t.baseUrl, 'grace');
    expect((await post('/api/auth/password', { currentPassword: 'wrong-one', newPassword: 'a-new-password-9' }, one)).status).toBe(400);
    expect((await post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-9' }, one)).status).toBe(204);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${two}` } })).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${one}` } })).status).toBe(200);
    expect((await post('/api/auth/login', { username: 'grace', password: TEST_PASSWORD })).status).toBe(401);
    expect(await login(t.baseUrl, 'grace', 'a-new-password-9')).toBeTruthy();
  });

  it('signing out ends the session', async () => {
    const token = await tokenFor(t.baseUrl, t.db, 'leader', 'heidi');
    expect((await post('/api/auth/logout', {}, token)).status).toBe(204);
    expect((await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});

describe('scope and the access log', () => {
  it('a town-scoped user sees only its town, and other villages do not exist for it', async () => {
    await resetMasterData(t.db);
    useToken(await tokenFor(t.baseUrl, t.db, 'planner', 'county-planner'));
    await importFile(t.baseUrl, 'villages', 'v.csv', csv(VILLAGES));
    const scoped = await tokenFor(t.baseUrl, t.db, 'planner', 'town-planner', ['411322101000']);
    const towns = (await (await fetch(`${t.baseUrl}/api/towns`, { headers: { authorization: `Bearer ${scoped}` } })).json()) as { code: string }[];
    expect(towns.map((x) => x.code)).toEqual(['411322101000']);
    const outside = await fetch(`${t.baseUrl}/api/villages/411322100201/households`, { headers: { authorization: `Bearer ${scoped}` } });
    expect(outside.status).toBe(404);
    const inside = await fetch(`${t.baseUrl}/api/villages/411322101201/households`, { headers: { authorization: `Bearer ${scoped}` } });
    expect(inside.status).toBe(200);
  });

  it('logs every read of a household list with who, when, what and from where; the log cannot be changed', async () => {
    const planner = await tokenFor(t.baseUrl, t.db, 'planner', 'logged-planner');
    await fetch(`${t.baseUrl}/api/villages/411322101201/households?page=1`, { headers: { authorization: `Bearer ${planner}` } });
    const log = (await (await fetch(`${t.baseUrl}/api/access-log?targetType=village-households&targetId=411322101201`, { headers: { authorization: `Bearer ${planner}` } })).json()) as {
      username: string;
      action: string;
      address: string;
      at: string;
    }[];
    expect(log[0]).toMatchObject({ username: 'logged-planner', action: 'read' });
    expect(log[0].address).toMatch(/127\.0\.0\.1/);
    expect(Date.parse(log[0].at)).not.toBeNaN();
    await expect(t.db.query(`UPDATE access_log SET username = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
  });
});
