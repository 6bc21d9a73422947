// Import of the `county` dataset (about 240,000 households) through the real import path —
// HTTP upload, parse, validate, reference checks, COPY, snapshot — next to a raw COPY of the
// same CSV bytes into a bare table, measured in the same run on the same server.
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { generateCounty } from '@lookback/demo-county';
import { householdsToRows, toCsv, villagesToRows } from '@lookback/roster';
import { createApp } from '../apps/api/dist/bootstrap.js';
import { loadConfig } from '../apps/api/dist/config/config.js';
import { hashPassword } from '../apps/api/dist/auth/passwords.js';
import { openDatabase } from '../apps/api/dist/database/data-source.js';
import { time } from './support.mjs';

/** A planner account for this run, signed in over HTTP as a user would be. */
export async function signIn(database, baseUrl) {
  const password = 'bench-password-1';
  await database.query(
    `INSERT INTO app_user (username, display_name, role, password_hash) VALUES ('bench-planner', 'bench', 'planner', $1) ON CONFLICT (username) DO NOTHING`,
    [await hashPassword(password)],
  );
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-planner', password }) });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return { authorization: `Bearer ${(await response.json()).token}` };
}

/**
 * A file as a browser uploads it (multipart/form-data, field `file`), built before any timing: the
 * API runs in this process, and Node's FormData would otherwise encode 30 MB through web streams
 * on the same event loop and cores while the import is timed — work a user's browser does on
 * another machine.
 */
export function multipart(fileName, bytes) {
  const boundary = `----lookback-bench-${Date.now().toString(36)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([head, bytes, tail]) };
}

function post(url, headers, { contentType, body }) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-type': contentType, 'content-length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk)).on('end', () => resolve({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) })).on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Uploads a file (bytes, or a body from `multipart`) and waits for its import job to end. */
export async function upload(baseUrl, headers, kind, fileName, file) {
  const response = await post(`${baseUrl}/api/imports/${kind}`, headers, file instanceof Uint8Array ? multipart(fileName, file) : file);
  let job = response.json;
  if (response.status !== 202) throw new Error(`upload refused: ${response.status} ${job.message}`);
  const deadline = Date.now() + 10 * 60_000;
  while (job.status !== 'done' && job.status !== 'failed') {
    if (Date.now() > deadline) throw new Error('import did not finish within 10 minutes');
    await new Promise((r) => setTimeout(r, 25));
    job = await (await fetch(`${baseUrl}/api/imports/${job.id}`, { headers })).json();
  }
  if (job.status !== 'done') throw new Error(`import failed: ${job.message}`);
  return job;
}

/**
 * The same households as COPY text, copied into a table shaped like the API's `household` (same
 * columns and types, primary key, checks and village index; logged; no foreign key): what a
 * bare COPY costs when PostgreSQL must type, check and index the rows, with nothing parsed or
 * validated in Node. Shown beside the goal's baseline, not instead of it.
 */
async function shapedCopy(url, households) {
  const cell = (v) => (v === null ? '\\N' : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
  const text = households
    .map((h) => [h.householdNo, h.villageCode, h.headName, h.householdType, h.monitoringCategory, h.dibao, h.tekun, h.severeDisability, h.seriousIllness, h.elderlyAlone, h.members, h.incomePerCapita, h.lng, h.lat].map(cell).join('\t'))
    .join('\n') + '\n';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_shaped_households`);
    await client.query(`CREATE TABLE bench_shaped_households (LIKE household INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    const columns = 'household_no, village_code, head_name, household_type, monitoring_category, dibao, tekun, severe_disability, serious_illness, elderly_alone, members, income_per_capita, lng, lat';
    const { ms } = await time(() => pipeline(Readable.from([Buffer.from(text)]), client.query(copyStreams.from(`COPY bench_shaped_households (${columns}) FROM STDIN`))));
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM bench_shaped_households`);
    if (rows[0].n !== households.length) throw new Error(`shaped COPY loaded ${rows[0].n} rows, expected ${households.length}`);
    await client.query(`DROP TABLE bench_shaped_households`);
    return { ms };
  } finally {
    await client.end();
  }
}

async function rawCopy(url, csvBytes) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_raw_households`);
    await client.query(`CREATE UNLOGGED TABLE bench_raw_households (${Array.from({ length: 16 }, (_, i) => `c${i} text`).join(', ')})`);
    const { ms } = await time(() => pipeline(Readable.from([Buffer.from(csvBytes)]), client.query(copyStreams.from(`COPY bench_raw_households FROM STDIN WITH (FORMAT csv, HEADER true)`))));
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM bench_raw_households`);
    await client.query(`DROP TABLE bench_raw_households`);
    return { ms, rows: rows[0].n };
  } finally {
    await client.end();
  }
}

/** The files a user would upload, and the households for the shaped COPY. */
function countyFiles() {
  const county = generateCounty({ size: 'county' });
  return {
    villagesCsv: new TextEncoder().encode(toCsv(villagesToRows(county.villages))),
    householdsCsv: new TextEncoder().encode(toCsv(householdsToRows(county.households))),
    households: county.households,
  };
}

export async function importBench(db) {
  const files = countyFiles();
  const { villagesCsv, householdsCsv } = files;
  const householdCount = files.households.length;
  const database = await openDatabase(db.url);
  const app = await createApp({ config: loadConfig({ DATABASE_URL: db.url, LOOKBACK_WEB_DIST: '', LOG_LEVEL: process.env.BENCH_LOG ?? 'warn', LOOKBACK_MAX_UPLOAD_MB: '500' }), database, embedded: false }, { logger: Boolean(process.env.BENCH_LOG) });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  try {
    const headers = await signIn(database, baseUrl);
    await upload(baseUrl, headers, 'villages', 'villages.csv', villagesCsv);
    const baseline = await rawCopy(db.url, householdsCsv);
    const shaped = await shapedCopy(db.url, files.households);
    // The API runs in this process: it should not carry the generator's 240,000 objects in its
    // heap through the import, as a server would not.
    files.households = null;
    const body = multipart('households.csv', householdsCsv);
    const imported = await time(() => upload(baseUrl, headers, 'households', 'households.csv', body));
    const ratio = imported.ms / baseline.ms;
    return [
      {
        figure: `import ${householdCount} households (county)`,
        value: `${(imported.ms / 1000).toFixed(2)} s`,
        baseline: `${(baseline.ms / 1000).toFixed(2)} s raw COPY`,
        ratio: ratio.toFixed(2),
        goal: '≤ 2',
        met: ratio <= 2,
      },
      {
        figure: '  the same rows as COPY text into a table shaped like household (types, key, checks, index)',
        value: `${(imported.ms / 1000).toFixed(2)} s`,
        baseline: `${(shaped.ms / 1000).toFixed(2)} s shaped COPY`,
        ratio: (imported.ms / shaped.ms).toFixed(2),
        goal: '',
        met: undefined,
      },
    ];
  } finally {
    await app.close();
    await database.destroy();
  }
}
