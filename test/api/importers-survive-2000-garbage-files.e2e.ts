/**
 * Importer fuzz: thousands of generated broken roster files (test/support/garbage-roster-files.ts,
 * fixed seeds). Most go through the parsing and validation layer in-process (readTable + the
 * household parser, the code the import job runs); a few hundred go through POST /api/imports
 * against the real database. The importer never crashes, never answers 5xx, never imports part
 * of a file, and names the row and column of a problem it was planted in.
 */
import type { ImportJobDto, ImportProblem } from '@lookback/contracts';
import { parseHouseholdTable, readTable, RosterFormatError } from '@lookback/roster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';
import { type GarbageCase, garbageCases } from '../support/garbage-roster-files.js';
import { csv, importFile, useToken, VILLAGES } from './helpers.js';

interface Outcome {
  crash?: unknown;
  refused: boolean;
  problems: ImportProblem[];
  message: string;
  records: number;
  ms: number;
}

async function inProcess(c: GarbageCase): Promise<Outcome> {
  const started = performance.now();
  let table: string[][];
  try {
    table = await readTable(c.bytes, c.fileName);
  } catch (error) {
    const ms = performance.now() - started;
    if (!(error instanceof RosterFormatError)) return { crash: error, refused: true, problems: [], message: '', records: 0, ms };
    return { refused: true, problems: error.problems, message: error.message, records: 0, ms };
  }
  try {
    const result = parseHouseholdTable(table);
    const ms = performance.now() - started;
    return { refused: result.problems.length > 0, problems: result.problems, message: result.problems[0]?.message ?? '', records: result.records.length, ms };
  } catch (error) {
    return { crash: error, refused: true, problems: [], message: '', records: 0, ms: performance.now() - started };
  }
}

const CJK = /[\u4e00-\u9fff]/;

/** What is wrong with the outcome of a case, or null. */
function judge(c: GarbageCase, o: Outcome): string | null {
  if (o.crash) return `threw ${o.crash instanceof Error ? `${o.crash.name}: ${o.crash.message}` : String(o.crash)}`;
  if (o.ms > 5000) return `took ${Math.round(o.ms)} ms`;
  if (c.expect === 'refused' && !o.refused) return `accepted ${o.records} rows, expected a refusal`;
  if (c.expect === 'accepted' && o.refused) return `refused (${o.message}), expected ${c.rows} rows`;
  if (c.expect === 'accepted' && o.records !== c.rows) return `accepted ${o.records} rows, expected ${c.rows}`;
  if (!o.refused) return null;
  if (o.records !== 0) return `refused but returned ${o.records} records`;
  if (o.problems.length === 0) return 'refused without a problem';
  const bad = o.problems.find((p) => !p.message || !CJK.test(p.message));
  if (bad) return `a problem without a Chinese message: ${JSON.stringify(bad)}`;
  // A problem in a data row always names its column (a broken CSV quote names only the line).
  const noColumn = o.problems.find((p) => p.row !== null && p.row > 1 && p.column === null && !/引号/.test(p.message));
  if (noColumn) return `a row problem without a column: ${JSON.stringify(noColumn)}`;
  if (c.at && !o.problems.some((p) => p.row === c.at!.row && (c.at!.column === null || p.column === c.at!.column))) {
    return `no problem at row ${c.at.row} column ${c.at.column}: ${JSON.stringify(o.problems.slice(0, 3))}`;
  }
  if (c.message && !c.message.test(o.message)) return `message "${o.message}" does not match ${c.message}`;
  return null;
}

const describeCase = (c: GarbageCase) => `#${c.id} ${c.family} ${c.fileName} (${c.bytes.length} bytes)`;

describe('the parsing and validation layer, in-process', () => {
  it('handles 2,400 generated garbage files as planted: refused with row and column, or accepted whole', { timeout: 120_000 }, async () => {
    const cases = await garbageCases('lookback-importer-fuzz-1', 2400, { bombs: 4 });
    const failures: string[] = [];
    const families = new Map<string, { refused: number; accepted: number }>();
    for (const c of cases) {
      const o = await inProcess(c);
      const problem = judge(c, o);
      if (problem) failures.push(`${describeCase(c)}: ${problem}`);
      const f = families.get(c.family) ?? { refused: 0, accepted: 0 };
      f[o.refused ? 'refused' : 'accepted']++;
      families.set(c.family, f);
    }
    expect(failures.slice(0, 15)).toEqual([]);
    // The generator really produced every kind of garbage, and the refusals are the garbage.
    expect([...families.keys()].sort()).toEqual(
      ['bad-value', 'binary', 'bomb', 'duplicate-key', 'empty', 'formula', 'gb18030', 'huge-cell', 'many-rows-of-junk', 'mojibake', 'not-a-workbook-zip', 'renamed', 'shifted-columns', 'truncated-csv', 'truncated-xlsx', 'unterminated-quote', 'utf16', 'valid', 'xlsx-bad-value', 'xlsx-formula'].sort(),
    );
    expect(families.get('valid')).toMatchObject({ refused: 0 });
    expect(families.get('bad-value')).toMatchObject({ accepted: 0 });
  });
});

describe('POST /api/imports with garbage, against the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    useToken(await tokenFor(t.baseUrl, t.db, 'planner'));
    await resetMasterData(t.db);
    const villages = await importFile(t.baseUrl, 'villages', 'v.csv', csv(VILLAGES));
    expect(villages.job.status).toBe('done');
  });
  afterAll(() => t?.close());

  /** Every stored household (and the snapshot count): any change at all shows. */
  const fingerprint = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM household)::int AS households, (SELECT count(*) FROM roster_snapshot)::int AS snapshots,
                (SELECT md5(coalesce(string_agg(household_no || village_code || head_name || income_per_capita::text, ',' ORDER BY household_no), '')) FROM household) AS digest`,
      )
    )[0] as { households: number; snapshots: number; digest: string };

  it('answers 300 uploads without a 5xx; a refused file changes nothing, an accepted one is loaded whole', { timeout: 150_000 }, async () => {
    const cases = await garbageCases('lookback-importer-fuzz-http-1', 300, { bombs: 1 });
    const failures: string[] = [];
    let refused = 0;
    let accepted = 0;
    for (const c of cases) {
      const expected = await inProcess(c);
      const before = await fingerprint();
      const { status, job } = await importFile(t.baseUrl, 'households', c.fileName, c.bytes);
      const after = await fingerprint();
      const label = describeCase(c);
      // The per-village counts the overview reads are kept by the import: always the households' own.
      const [{ drift }] = await t.db.query(
        `SELECT count(*)::int AS drift FROM (SELECT village_code, count(*)::int AS n FROM household GROUP BY village_code) h
         FULL JOIN village_household_counts c USING (village_code) WHERE coalesce(h.n, 0) <> coalesce(c.total, 0)`,
      );
      if (drift) failures.push(`${label}: ${drift} villages' household counts differ from their households`);
      if (status !== 202) {
        failures.push(`${label}: HTTP ${status} ${JSON.stringify(job).slice(0, 200)}`);
        continue;
      }
      if (job.status === 'failed') {
        refused++;
        if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${label}: refused but the database changed`);
        if (/服务器处理出错/.test(job.message ?? '')) failures.push(`${label}: the import crashed: ${job.message}`);
        // The same layer answers the same problems (reference checks may add their own on files the parser accepts).
        if (expected.refused && JSON.stringify(job.problems) !== JSON.stringify(expected.problems.slice(0, job.problems.length))) {
          failures.push(`${label}: problems differ from the parser's: ${JSON.stringify(job.problems.slice(0, 2))}`);
        }
      } else if (job.status === 'done') {
        accepted++;
        if (expected.refused) failures.push(`${label}: accepted over HTTP, refused by the parser`);
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM household WHERE household_no LIKE $1`, [`F${c.id}-%`]);
        if (n !== expected.records || job.rowsLoaded !== expected.records) failures.push(`${label}: ${n} rows stored, job says ${job.rowsLoaded}, file has ${expected.records}`);
        if (after.snapshots !== before.snapshots + 1) failures.push(`${label}: no snapshot recorded`);
      } else {
        failures.push(`${label}: job still ${(job as ImportJobDto).status}`);
      }
    }
    expect(failures.slice(0, 15)).toEqual([]);
    expect(refused).toBeGreaterThan(150);
    expect(accepted).toBeGreaterThan(10);
  });
});
