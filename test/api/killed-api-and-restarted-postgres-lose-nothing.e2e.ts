/**
 * Faults, with the API as a real process on a PostgreSQL of this test's own (embedded, restartable):
 * (a) kill -9 during a county-sized household import: afterwards the database holds none of it
 *     (or all of it), its constraints are intact, and the same file then imports;
 * (b) kill -9 while simulated inspectors sync record batches and photos with retries, and
 * (c) a PostgreSQL restart during the same: every record and photo acknowledged before or after
 *     the fault is stored exactly once, as sent.
 *
 * Long-running part (about a minute): the county file (240,000 households) is generated,
 * uploaded and imported twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ImportJobDto, MyDayDto } from '@lookback/contracts';
import { generateCounty } from '@lookback/demo-county';
import type { StopRecord } from '@lookback/fieldwork';
import { householdsToRows, toCsv, villagesToRows } from '@lookback/roster';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldPacketDto, SyncResultDto } from '../../apps/api/src/fieldwork/fieldwork.service.js';
import { type ApiProcess, api, buildApi, seedDemo, startApiProcess } from '../support/api-process.js';
import { startRestartablePostgres } from '../support/embedded-for-tests.js';
import { completeHouseholdRecord } from '../support/field.js';

const env = { LOOKBACK_VISIT_OPENS_AT: '00:00', LOOKBACK_MAX_UPLOAD_MB: '200' };
let server: Awaited<ReturnType<typeof startRestartablePostgres>>;
let databaseUrl: string;
let app: ApiProcess;
let sql: pg.Pool;

beforeAll(async () => {
  buildApi();
  server = await startRestartablePostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE faults');
  await admin.end();
  databaseUrl = server.url.replace(/\/postgres$/, '/faults');
  await seedDemo(databaseUrl);
  app = await startApiProcess(databaseUrl, env);
  sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  sql.on('error', () => undefined); // idle clients die when the server restarts
}, 240_000);

afterAll(async () => {
  await app?.stop();
  await sql?.end();
  await server?.destroy();
});

const restartApi = async () => {
  await app.kill9();
  app = await startApiProcess(databaseUrl, env, app.port);
};
const login = async (username: string) => (await api<{ token: string }>(app.baseUrl, null, 'POST', '/api/auth/login', { username, password: 'lookback-demo' })).body.token;

async function upload(token: string, kind: string, name: string, bytes: Uint8Array): Promise<ImportJobDto> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const response = await fetch(`${app.baseUrl}/api/imports/${kind}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(response.status).toBe(202);
  return (await response.json()) as ImportJobDto;
}
async function waitForJob(token: string, id: string, until: (job: ImportJobDto) => boolean, ms = 120_000): Promise<ImportJobDto> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = (await api<ImportJobDto>(app.baseUrl, token, 'GET', `/api/imports/${id}`)).body;
    if (until(job) || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}
const householdState = async () =>
  (
    await sql.query(
      `SELECT (SELECT count(*) FROM household)::int AS households, (SELECT count(*) FROM roster_snapshot)::int AS snapshots,
              (SELECT md5(string_agg(household_no || head_name, ',' ORDER BY household_no)) FROM household) AS digest`,
    )
  ).rows[0] as { households: number; snapshots: number; digest: string };

describe('kill -9 during a county-sized import', () => {
  it('leaves all or none of it, the constraints intact, and the same file then imports', { timeout: 300_000 }, async () => {
    const planner = await login('planner');
    const county = generateCounty({ size: 'county' });
    const villages = await upload(planner, 'villages', 'villages.csv', new TextEncoder().encode(toCsv(villagesToRows(county.villages))));
    expect((await waitForJob(planner, villages.id, (j) => j.status === 'done' || j.status === 'failed')).status).toBe('done');
    const file = new TextEncoder().encode(toCsv(householdsToRows(county.households)));
    const before = await householdState();

    const job = await upload(planner, 'households', 'county-households.csv', file);
    const atKill = await waitForJob(planner, job.id, (j) => (j.status === 'loading' && j.progress >= 0.3) || j.status === 'done' || j.status === 'failed');
    expect(atKill.status, 'the import must be killed while it loads').toBe('loading');
    await restartApi();

    const after = await householdState();
    const whole = after.households === county.households.length && after.snapshots === before.snapshots + 1;
    expect(whole || JSON.stringify(after) === JSON.stringify(before), `partial import: ${JSON.stringify({ before, after })}`).toBe(true);
    expect(whole).toBe(false); // killed mid-COPY: nothing was committed
    const interrupted = (await api<ImportJobDto>(app.baseUrl, await login('planner'), 'GET', `/api/imports/${job.id}`)).body;
    expect(interrupted.status).toBe('failed');
    // The load drops the key, the village foreign key and index inside its transaction: all are back.
    const schema = (
      await sql.query(
        `SELECT (SELECT count(*) FROM pg_constraint WHERE conname = 'household_pkey')::int AS pk, (SELECT count(*) FROM pg_constraint WHERE conname = 'household_village_fkey')::int AS fk, (SELECT count(*) FROM pg_indexes WHERE indexname = 'household_village_idx')::int AS idx`,
      )
    ).rows[0];
    expect(schema).toEqual({ pk: 1, fk: 1, idx: 1 });

    const token = await login('planner');
    const again = await waitForJob(token, (await upload(token, 'households', 'county-households.csv', file)).id, (j) => j.status === 'done' || j.status === 'failed');
    expect(again.status).toBe('done');
    expect((await householdState()).households).toBe(county.households.length);
  });
});

// ----- simulated inspectors -----

interface Inspector {
  token: string;
  day: MyDayDto;
  packet: FieldPacketDto;
}
interface Tally {
  sentRecords: Map<string, StopRecord>;
  ackedRecords: Set<string>;
  sentPhotos: Map<string, string>;
  ackedPhotos: Set<string>;
  statuses: Map<number, number>;
  refused: string[];
}

async function inspector(username: string): Promise<Inspector> {
  const token = await login(username);
  const day = (await api<MyDayDto[]>(app.baseUrl, token, 'GET', '/api/my/days')).body.find((d) => d.open)!;
  expect(day, `${username} has an open day`).toBeDefined();
  const packet = (await api<FieldPacketDto>(app.baseUrl, token, 'GET', `/api/my/days/${day.planId}/${day.visitDate}/packet`)).body;
  return { token, day, packet };
}

function record(who: Inspector, deviceId: string, n: number): StopRecord {
  const village = who.packet.villages[n % who.packet.villages.length];
  const household = village.draw.sample[n % village.draw.sample.length];
  const template = who.packet.templates.find((t) => t.kind === 'household')!;
  return completeHouseholdRecord({ planId: who.day.planId, villageCode: village.villageCode, householdNo: household.householdNo, deviceId, template, at: new Date().toISOString(), accuracy: 10 });
}

/** Sends until the server answers (retrying network errors and 5xx as the phone's outbox does). */
async function withRetries<T>(tally: Tally, send: () => Promise<{ status: number; body: T }>): Promise<{ status: number; body: T }> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const answer = await send();
    tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status !== 0 && answer.status < 500) return answer;
    if (Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 150));
  }
}

/** One phone: `batches` sync batches of `size` records, each followed by one photo. */
async function phone(who: Inspector, deviceId: string, batches: number, size: number, tally: Tally, progress: () => void): Promise<void> {
  const base = `/api/my/days/${who.day.planId}/${who.day.visitDate}`;
  for (let b = 0; b < batches; b++) {
    const records = Array.from({ length: size }, (_, i) => record(who, deviceId, b * size + i));
    for (const r of records) tally.sentRecords.set(r.clientId, r);
    const synced = await withRetries(tally, () => api<SyncResultDto>(app.baseUrl, who.token, 'POST', `${base}/sync`, { deviceId, records, substitutions: [] }));
    if (synced.status !== 200) tally.refused.push(`sync ${synced.status} ${JSON.stringify(synced.body).slice(0, 200)}`);
    else {
      for (const id of synced.body.acknowledged.records) tally.ackedRecords.add(id);
      for (const r of synced.body.rejected) tally.refused.push(`rejected ${JSON.stringify(r).slice(0, 200)}`);
    }
    const content = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(randomUUID().repeat(40))]);
    const photoId = randomUUID();
    const sha256 = createHash('sha256').update(content).digest('hex');
    tally.sentPhotos.set(photoId, sha256);
    const meta = encodeURIComponent(JSON.stringify({ clientId: photoId, stopClientId: records[0].clientId, sha256, bytes: content.length, width: 1600, height: 1200, takenAt: new Date().toISOString() }));
    const put = await withRetries(tally, async () => {
      try {
        const response = await fetch(`${app.baseUrl}${base}/photos/${photoId}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${who.token}`, 'content-type': 'image/jpeg', 'x-photo-meta': meta },
          body: content,
          signal: AbortSignal.timeout(30_000),
        });
        return { status: response.status, body: await response.text() };
      } catch {
        return { status: 0, body: '' };
      }
    });
    if (put.status === 200) tally.ackedPhotos.add(photoId);
    else tally.refused.push(`photo ${put.status} ${put.body.slice(0, 200)}`);
    progress();
  }
}

/** 24 phones (12 per inspector account) sync while `fault` strikes once a third of the batches are in. */
async function syncThrough(fault: () => Promise<void>): Promise<Tally> {
  const who = [await inspector('inspector1'), await inspector('inspector2')];
  const tally: Tally = { sentRecords: new Map(), ackedRecords: new Set(), sentPhotos: new Map(), ackedPhotos: new Set(), statuses: new Map(), refused: [] };
  const phones = 24;
  const batches = 6;
  let done = 0;
  let struck: Promise<void> | null = null;
  const progress = () => {
    done++;
    if (!struck && done >= (phones * batches) / 3) struck = fault();
  };
  await Promise.all(Array.from({ length: phones }, (_, i) => phone(who[i % 2], `phone-${randomUUID()}`, batches, 5, tally, progress)));
  expect(struck, 'the fault struck while phones were syncing').not.toBeNull();
  await struck;
  return tally;
}

async function expectExactlyOnce(tally: Tally): Promise<void> {
  expect(tally.refused).toEqual([]);
  // Every batch was acknowledged in the end (the phones retried through the fault) ...
  expect(tally.ackedRecords.size).toBe(tally.sentRecords.size);
  expect(tally.ackedPhotos.size).toBe(tally.sentPhotos.size);
  // ... and each acknowledged record and photo is stored exactly once, as sent.
  const ids = [...tally.ackedRecords];
  const rows = (await sql.query(`SELECT client_id::text AS id, jsonb_array_length(record->'answers') AS answers, stop_code FROM stop_record WHERE client_id = ANY($1::uuid[])`, [ids])).rows as { id: string; answers: number; stop_code: string }[];
  expect(rows.length).toBe(ids.length);
  expect(new Set(rows.map((r) => r.id)).size).toBe(ids.length);
  for (const row of rows) {
    const sent = tally.sentRecords.get(row.id)!;
    expect([row.stop_code, row.answers]).toEqual([sent.stopCode, sent.answers.length]);
  }
  const photos = (await sql.query(`SELECT client_id::text AS id, sha256 FROM photo WHERE client_id = ANY($1::uuid[])`, [[...tally.ackedPhotos]])).rows as { id: string; sha256: string }[];
  expect(photos.length).toBe(tally.ackedPhotos.size);
  for (const p of photos) expect(p.sha256).toBe(tally.sentPhotos.get(p.id));
}

describe('faults while inspectors sync', () => {
  it('kill -9 of the API: every acknowledged record and photo is stored exactly once', { timeout: 180_000 }, async () => {
    const tally = await syncThrough(async () => {
      await app.kill9();
      await new Promise((r) => setTimeout(r, 300));
      app = await startApiProcess(databaseUrl, env, app.port);
    });
    expect(tally.statuses.get(0) ?? 0, 'some requests met the dead server').toBeGreaterThan(0);
    await expectExactlyOnce(tally);
  });

  it('a PostgreSQL restart: the API answers 503 meanwhile, then every acknowledged record and photo is stored exactly once', { timeout: 180_000 }, async () => {
    const tally = await syncThrough(async () => {
      await server.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await server.start();
    });
    const serverErrors = [...tally.statuses].filter(([status]) => status >= 500);
    expect(serverErrors.length, 'some requests met the database away').toBeGreaterThan(0);
    const logged = app.output().split('\n').filter((line) => /"level":50/.test(line)).map((line) => line.slice(0, 600));
    expect(serverErrors.map(([status]) => status), `errors the API logged:\n${logged.slice(0, 5).join('\n')}`).toEqual([503]);
    await expectExactlyOnce(tally);
    expect((await api<{ status: string }>(app.baseUrl, null, 'GET', '/api/health')).body.status).toBe('ok');
  });
});
