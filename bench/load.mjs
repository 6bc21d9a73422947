#!/usr/bin/env node
// `npm run load`: the API under load, as a county's users will use it on an inspection day.
//
// Starts its own database (a fresh one on BENCH_DATABASE_URL/TEST_DATABASE_URL/DATABASE_URL, else
// an embedded PostgreSQL), loads the `county` demo dataset (方城县, about 240,000 households) and a
// sealed plan of 10 teams × 20 inspectors visiting today, starts the built API as a child process
// on 127.0.0.1, signs the accounts in, and drives with autocannon, one scenario after the other:
//
//   sync      200 connections, each request one of the 200 inspectors sending a batch of 5 stop
//             records (one with a finding); at most LOAD_SYNC_BATCHES (default 6000)
//   plans     planners opening the plan list and a plan (GET /api/plans, /api/plans/:id)
//   rankings  leaders opening the ranking page data (GET /api/rankings) and the dashboard
//   overview  leaders opening the overview and the village list
//
// Prints requests/s, p50/p99 latency and errors per scenario, then checks the database: every
// acknowledged record is stored exactly once. Each scenario is bounded in count (LOAD_SYNC_BATCHES,
// LOAD_READS) and in time (LOAD_SECONDS, default 15); the run stops by itself. Exit code 1 when a
// check fails (errors, a lost or doubled record); a goal not met prints NO.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApp } from '../apps/api/dist/bootstrap.js';
import { loadConfig } from '../apps/api/dist/config/config.js';
import { hashPassword } from '../apps/api/dist/auth/passwords.js';
import { openDatabase } from '../apps/api/dist/database/data-source.js';
import { DemoLoaderService } from '../apps/api/dist/demo/demo-loader.service.js';
import { DemoAccountsService } from '../apps/api/dist/auth/demo-accounts.service.js';
import { UsersRepository } from '../apps/api/dist/auth/users.repository.js';
import { PlansService } from '../apps/api/dist/plans/plans.service.js';
import { TeamsService } from '../apps/api/dist/teams/teams.service.js';
import { load, os } from './os.mjs';
import { benchDatabase, freePort } from './support.mjs';

const SYNC_BATCHES = Number(process.env.LOAD_SYNC_BATCHES || 6000);
const READS = Number(process.env.LOAD_READS || 4000);
/** Each scenario stops at its count or after this many seconds, whichever comes first. */
const SECONDS = Number(process.env.LOAD_SECONDS || 15);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS || 200);
const TEAMS = 10;
const PER_TEAM = 20;
const PASSWORD = 'load-password-1';
const say = (line) => process.stdout.write(`[load] ${line}\n`);

/** YYYY-MM-DD in Asia/Shanghai. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function seed(url) {
  const database = await openDatabase(url);
  const config = loadConfig({ DATABASE_URL: url, LOOKBACK_WEB_DIST: '', LOG_LEVEL: 'warn', LOOKBACK_SCHEDULER: 'off' });
  const app = await createApp({ config, database, embedded: false }, { logger: false });
  await app.init();
  try {
    let started = Date.now();
    await app.get(DemoLoaderService).loadIfEmpty('county');
    say(`county dataset loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await app.get(DemoAccountsService).ensure();
    const hash = await hashPassword(PASSWORD);
    const inspectors = Array.from({ length: TEAMS * PER_TEAM }, (_, i) => `load-inspector-${String(i + 1).padStart(3, '0')}`);
    const extra = ['load-planner', 'load-leader'];
    await database.query(
      `INSERT INTO app_user (username, display_name, role, password_hash)
       SELECT u, u, r, $3 FROM unnest($1::text[], $2::text[]) AS t(u, r) ON CONFLICT (username) DO NOTHING`,
      [[...inspectors, ...extra], [...inspectors.map(() => 'inspector'), 'planner', 'leader'], hash],
    );
    started = Date.now();
    const planner = await app.get(UsersRepository).findByUsername('load-planner');
    const plans = app.get(PlansService);
    const teams = app.get(TeamsService);
    const { plan } = await plans.create(planner, '127.0.0.1', { name: '负载测试：全县督查', perTown: 2 });
    for (let t = 0; t < TEAMS; t++) {
      await teams.create(planner, plan.id, { name: `负载第${t + 1}组`, startLabel: '方城县人民政府', startLat: 33.2544 + t * 0.001, startLng: 113.0125, members: inspectors.slice(t * PER_TEAM, (t + 1) * PER_TEAM) });
    }
    await teams.autoSchedule(planner, plan.id, [chinaToday()]);
    await plans.seal(planner, '127.0.0.1', plan.id);
    say(`plan of ${plan.villageCodes.length} villages, ${TEAMS} teams × ${PER_TEAM} inspectors sealed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { planId: plan.id, inspectors };
  } finally {
    await app.close();
    await database.destroy();
  }
}

async function startApi(url, port) {
  // LOAD_CPU_PROF=dir: a V8 CPU profile of the API, written when it exits.
  const profile = process.env.LOAD_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.LOAD_CPU_PROF] : [];
  // The same V8 flags as `npm start` and the Dockerfile.
  const child = spawn(process.execPath, [...profile, '--max-semi-space-size=64', 'apps/api/dist/main.js'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOOKBACK_WEB_DIST: '', LOOKBACK_DEMO: 'false', LOOKBACK_SCHEDULER: 'off', LOOKBACK_VISIT_OPENS_AT: '00:00', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { child, baseUrl };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the API did not start within 60 s');
}

async function signIn(baseUrl, username, password) {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`sign-in ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

/** Runs `fn` over items with at most `n` at a time. */
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }));
  return out;
}

function run(options) {
  return new Promise((resolve, reject) => {
    const { amount, ...rest } = options;
    // `amount` would override the duration: bound by both instead.
    const instance = autocannon({ timeout: 30, duration: SECONDS, maxOverallRequests: amount, ...rest }, (error, result) => (error ? reject(error) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

function row(name, result, goal) {
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    scenario: name,
    requests: result.requests.total,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errors,
    goal: goal ? goal.text : '',
    met: goal ? (goal.met(result) && errors === 0 ? 'yes' : 'NO') : '',
  };
}

function printRows(rows) {
  const header = Object.keys(rows[0]);
  const widths = header.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(header.map((h) => r[h])));
}

async function main() {
  say(`machine: ${os()}, load average ${load()}`);
  const db = await benchDatabase();
  let api = null;
  let failed = false;
  // Interrupted (Ctrl-C, timeout): stop the API and drop the database before leaving.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      api?.child.kill('SIGKILL');
      await db.drop().catch(() => undefined);
      process.exit(130);
    });
  }
  try {
    const { planId, inspectors } = await seed(db.url);
    api = await startApi(db.url, await freePort());
    const { baseUrl } = api;
    const started = Date.now();
    const inspectorTokens = await pool(inspectors, 4, (u) => signIn(baseUrl, u, PASSWORD));
    const plannerToken = await signIn(baseUrl, 'load-planner', PASSWORD);
    const leaderToken = await signIn(baseUrl, 'leader', 'lookback-demo');
    say(`${inspectorTokens.length + 2} accounts signed in in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Each inspector's day: the team's villages and drawn households (one packet per team).
    const date = chinaToday();
    const days = await pool(inspectorTokens, 4, async (token) => {
      const list = await (await fetch(`${baseUrl}/api/my/days`, { headers: { authorization: `Bearer ${token}` } })).json();
      return list.find((d) => d.planId === planId && d.visitDate === date && d.open) ?? null;
    });
    const packets = new Map();
    const phones = [];
    for (let i = 0; i < inspectorTokens.length; i++) {
      if (!days[i]) continue;
      const team = Math.floor(i / PER_TEAM);
      if (!packets.has(team)) {
        const response = await fetch(`${baseUrl}/api/my/days/${planId}/${date}/packet`, { headers: { authorization: `Bearer ${inspectorTokens[i]}` } });
        packets.set(team, await response.json());
      }
      const packet = packets.get(team);
      const template = packet.templates.find((t) => t.kind === 'household');
      phones.push({ token: inspectorTokens[i], deviceId: `load-${randomUUID()}`, packet, template, n: 0 });
    }
    if (phones.length < 100) throw new Error(`only ${phones.length} inspectors have a day open today`);
    say(`${phones.length} inspectors with a day today`);

    const sent = new Set();
    const acked = new Set();
    let phoneIndex = 0;
    const batch = (phone) => {
      const at = new Date().toISOString();
      const records = [];
      for (let k = 0; k < 5; k++) {
        const n = phone.n++;
        const village = phone.packet.villages[n % phone.packet.villages.length];
        const household = village.draw.sample[n % village.draw.sample.length];
        const finding = k === 0;
        const items = phone.template.items;
        records.push({
          clientId: randomUUID(),
          planId,
          villageCode: village.villageCode,
          stopKind: 'household',
          stopCode: household.householdNo,
          templateId: phone.template.id,
          templateVersion: phone.template.version,
          answers: items.map((item, j) =>
            finding && j === 1
              ? { itemId: item.id, value: item.problemWhen, answeredAt: at, problem: { description: '房屋墙体开裂，未纳入危房改造', problemType: '住房安全', severity: '较重' } }
              : { itemId: item.id, value: item.problemWhen === 'no' ? 'yes' : 'no', answeredAt: at },
          ),
          status: 'complete',
          deviceId: phone.deviceId,
          revision: 1,
          updatedAt: at,
          position: { lat: 33.3, lng: 113.0, accuracy: 10, at },
        });
      }
      for (const r of records) sent.add(r.clientId);
      return { deviceId: phone.deviceId, records, substitutions: [] };
    };

    const rows = [];
    say(`sync: ${phones.length} inspectors on ${CONNECTIONS} connections, ${SYNC_BATCHES} batches of 5 records`);
    const sync = await run({
      url: baseUrl,
      connections: CONNECTIONS,
      amount: SYNC_BATCHES,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const phone = phones[phoneIndex++ % phones.length];
            return { ...req, path: `/api/my/days/${planId}/${date}/sync`, headers: { 'content-type': 'application/json', authorization: `Bearer ${phone.token}` }, body: JSON.stringify(batch(phone)) };
          },
          onResponse: (status, body) => {
            if (status !== 200) return;
            const result = JSON.parse(body);
            for (const id of result.acknowledged.records) acked.add(id);
            if (result.rejected.length) console.error(`[load] rejected: ${JSON.stringify(result.rejected[0]).slice(0, 300)}`);
          },
        },
      ],
    });
    rows.push(row('sync (batches)', sync, { text: '≥ 500/s, p99 ≤ 200 ms', met: (r) => r.requests.average >= 500 && r.latency.p99 <= 200 }));

    const reads = async (name, token, paths, connections, goal) => {
      let i = 0;
      const result = await run({
        url: baseUrl,
        connections,
        amount: READS,
        headers: { authorization: `Bearer ${token}` },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      });
      rows.push(row(name, result, goal));
    };
    say('plans: planners opening the plan list and the plan');
    await reads('plans', plannerToken, ['/api/plans', `/api/plans/${planId}`], 20);
    const snapshot = await fetch(`${baseUrl}/api/rankings/snapshot`, { method: 'POST', headers: { authorization: `Bearer ${plannerToken}` } });
    if (snapshot.ok) {
      say('rankings: leaders opening the ranking page data and the dashboard');
      await reads('rankings', leaderToken, ['/api/rankings?level=village&week=latest', '/api/rankings?level=town&week=latest'], 50, { text: 'p99 ≤ 100 ms', met: (r) => r.latency.p99 <= 100 });
      await reads('dashboard', leaderToken, ['/api/dashboard'], 50);
    } else {
      say(`rankings unavailable (${snapshot.status} ${(await snapshot.text()).slice(0, 200)}): overview only`);
    }
    say('overview: leaders opening the overview and the village list');
    await reads('overview', leaderToken, ['/api/overview', '/api/villages', '/api/towns'], 50);

    // Every acknowledged record exactly once; nothing stored that was not sent.
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const stored = (await check.query(`SELECT client_id::text AS id FROM stop_record WHERE device_id LIKE 'load-%'`)).rows.map((r) => r.id);
    await check.end();
    const storedSet = new Set(stored);
    const lost = [...acked].filter((id) => !storedSet.has(id)).length;
    const doubled = stored.length - storedSet.size;
    const unsent = stored.filter((id) => !sent.has(id)).length;
    // Batches in flight when a scenario's time ran out may be stored without their answer arriving.
    const inFlight = stored.filter((id) => sent.has(id) && !acked.has(id)).length;
    console.log('');
    say(`machine: ${os()}, load average ${load()}`);
    printRows(rows);
    console.log('');
    say(`records: ${sent.size} sent, ${acked.size} acknowledged, ${stored.length} stored (${inFlight} of them in flight at the end); lost ${lost}, doubled ${doubled}, stored but never sent ${unsent}`);
    if (lost || doubled || unsent || inFlight > 200 * 5) failed = true;
    if (rows.some((r) => r.errors > 0)) failed = true;
  } finally {
    if (api) {
      api.child.kill('SIGTERM');
      await new Promise((r) => api.child.once('exit', r));
    }
    if (process.env.LOAD_KEEP_DB) say(`database kept (LOAD_KEEP_DB): ${db.url}`);
    else await db.drop();
  }
  process.exit(failed ? 1 : 0);
}

await main();
