/**
 * Two API instances (real processes, different ports) behind one PostgreSQL, as behind a load
 * balancer: a session made on one works on the other, signing out or disabling an account on one
 * is effective on the other at once, the login rate limit counts refusals on both, and the
 * scheduler, ticking every second in both, runs each job's period once — also across kill -9
 * and restart, with a missed period caught up once; and an instance starting leaves the other's
 * running import alone.
 *
 * Long-running part: building the API (tsc -b, seconds when up to date) and three process starts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiProcess, api, buildApi, scratchDatabase, seedDemo, startApiProcess } from '../support/api-process.js';
import pg from 'pg';

const DEMO_PASSWORD = 'lookback-demo';
const env = { LOOKBACK_SCHEDULER: 'on', LOOKBACK_SCHEDULER_TICK_SECONDS: '1', LOOKBACK_VISIT_OPENS_AT: '00:00' };

let database: { url: string; drop(): Promise<void> };
let sql: pg.Client;
let a: ApiProcess;
let b: ApiProcess;

beforeAll(async () => {
  buildApi();
  database = await scratchDatabase(inject('databaseUrl'), 'two_instances');
  await seedDemo(database.url);
  a = await startApiProcess(database.url, env);
  b = await startApiProcess(database.url, env);
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
}, 240_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sql?.end();
  await database?.drop();
});

const login = async (on: ApiProcess, username: string, password = DEMO_PASSWORD) => api<{ token: string }>(on.baseUrl, null, 'POST', '/api/auth/login', { username, password });

describe('sessions across instances', () => {
  it('a session made on one instance works on the other, and signing out on that one ends it on both', async () => {
    const signedIn = await login(a, 'planner');
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.token;
    expect((await api<{ username: string }>(b.baseUrl, token, 'GET', '/api/auth/me')).body.username).toBe('planner');
    expect((await api(b.baseUrl, token, 'GET', '/api/plans')).status).toBe(200);
    expect((await api(b.baseUrl, token, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
    expect((await api(a.baseUrl, token, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await api(b.baseUrl, token, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('an account disabled or given a new password on one instance is refused on the other at once', async () => {
    const admin = (await login(a, 'admin')).body.token;
    const created = await api(a.baseUrl, admin, 'POST', '/api/users', { username: 'twoinst', displayName: '双实例', role: 'inspector', password: 'first-password-1' });
    expect(created.status).toBeLessThan(300);
    const session = (await login(b, 'twoinst', 'first-password-1')).body.token;
    expect((await api(b.baseUrl, session, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await api(b.baseUrl, admin, 'PATCH', '/api/users/twoinst', { password: 'second-password-2' })).status).toBe(200);
    expect((await login(a, 'twoinst', 'first-password-1')).status).toBe(401);
    expect((await login(a, 'twoinst', 'second-password-2')).status).toBe(200);
    expect((await api(a.baseUrl, admin, 'PATCH', '/api/users/twoinst', { disabled: true })).status).toBe(200);
    expect([401, 403]).toContain((await api(b.baseUrl, session, 'GET', '/api/auth/me')).status);
    expect((await login(b, 'twoinst', 'second-password-2')).status).toBe(403);
  });

  it('counts login refusals on both instances toward one limit', async () => {
    for (let i = 0; i < 5; i++) expect((await login(i % 2 ? a : b, 'leader', `wrong-${i}`)).status).toBe(401);
    const blocked = await login(a, 'leader');
    expect(blocked.status).toBe(429);
    expect((await login(b, 'leader')).status).toBe(429);
  });
});

describe('imports across instances', () => {
  it('an instance starting does not fail an import running on the other; it fails one whose process is gone', { timeout: 120_000 }, async () => {
    const [{ id }] = (await sql.query(`INSERT INTO import_job (kind, file_name, status) VALUES ('households', 'running-elsewhere.csv', 'loading') RETURNING id::text AS id`)).rows as { id: string }[];
    // This client plays the instance running the job: it holds the job's lock, as ImportsService does.
    await sql.query(`SELECT pg_advisory_lock(hashtext('lookback-import-job'), hashtext($1))`, [id]);
    await b.kill9();
    b = await startApiProcess(database.url, env, b.port);
    const status = async () => ((await sql.query(`SELECT status FROM import_job WHERE id = $1`, [id])).rows[0] as { status: string }).status;
    expect(await status()).toBe('loading');
    // The instance running it dies (its lock goes with its connection): the next start fails the job.
    await sql.query(`SELECT pg_advisory_unlock(hashtext('lookback-import-job'), hashtext($1))`, [id]);
    await b.kill9();
    b = await startApiProcess(database.url, env, b.port);
    expect(await status()).toBe('failed');
  });
});

interface JobRun {
  job: string;
  period: string;
  attempts: number;
  finished: boolean;
  error: string | null;
  instance: string;
}
const runs = async (): Promise<JobRun[]> =>
  (await sql.query(`SELECT job, period, attempts, finished_at IS NOT NULL AS finished, error, instance FROM job_run ORDER BY job, period`)).rows as JobRun[];

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the scheduler on two instances', () => {
  let jobs: string[];

  it('runs the due period of every registered job once, though both tick every second', async () => {
    const admin = (await login(b, 'admin')).body.token;
    jobs = (await api<{ jobs: { name: string }[] }>(b.baseUrl, admin, 'GET', '/api/jobs')).body.jobs.map((j) => j.name).sort();
    expect(jobs.length).toBeGreaterThan(0);
    await waitFor(async () => (await runs()).filter((r) => r.finished).length >= jobs.length, 30_000);
    await new Promise((r) => setTimeout(r, 4000)); // four more ticks of each instance
    const done = await runs();
    expect(done.map((r) => r.job).sort()).toEqual(jobs);
    for (const run of done) expect(run, run.job).toMatchObject({ attempts: 1, finished: true, error: null });
  });

  it('does not run a period again after both instances are killed and restarted, and catches up a missed one once', async () => {
    const before = await runs();
    await Promise.all([a.kill9(), b.kill9()]);
    // A period missed while the service was down: no run recorded for the first job.
    await sql.query(`DELETE FROM job_run WHERE job = $1`, [jobs[0]]);
    [a, b] = await Promise.all([startApiProcess(database.url, env, a.port), startApiProcess(database.url, env, b.port)]);
    await waitFor(async () => (await runs()).some((r) => r.job === jobs[0] && r.finished), 30_000);
    await new Promise((r) => setTimeout(r, 4000));
    const after = await runs();
    expect(after.filter((r) => r.job !== jobs[0])).toEqual(before.filter((r) => r.job !== jobs[0]));
    const caughtUp = after.filter((r) => r.job === jobs[0]);
    expect(caughtUp).toHaveLength(1);
    expect(caughtUp[0]).toMatchObject({ attempts: 1, finished: true, error: null });
  });
});
