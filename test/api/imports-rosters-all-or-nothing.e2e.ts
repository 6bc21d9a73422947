import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { HouseholdDto, Page, SnapshotDto, TownDto, VillageDto } from '@lookback/contracts';
import { parseCadreTable, parseHouseholdTable, parseVillageTable, readTable, rosterHash } from '@lookback/roster';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenFor } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';
import { authed, CADRE_HEADER, csv, household, HOUSEHOLD_HEADER, importFile, useToken, VILLAGES } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOOKBACK_MAX_UPLOAD_MB: '1' });
  useToken(await tokenFor(t.baseUrl, t.db, 'planner'));
});
afterAll(() => t.close());
beforeEach(() => resetMasterData(t.db));

const get = async <T>(path: string): Promise<T> => (await (await authed(t.baseUrl + path)).json()) as T;
const count = async (table: string): Promise<number> => Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

describe('importing the roster', () => {
  it('loads villages then households, answers counts by category and records a snapshot', async () => {
    const villages = await importFile(t.baseUrl, 'villages', '行政村.csv', csv(VILLAGES));
    expect(villages.status).toBe(202);
    expect(villages.job.status).toBe('done');
    const rows = [HOUSEHOLD_HEADER, household('H0001', '张三明', '411322100201', '脱贫户'), household('H0002', '李四', '411322100201', '监测户', '边缘易致贫户', '6000'), household('H0003', '王五', '411322100202')];
    const households = await importFile(t.baseUrl, 'households', '农户.csv', csv(rows));
    expect(households.job).toMatchObject({ status: 'done', rowsLoaded: 3, progress: 1 });
    expect(households.job.snapshot?.counts).toMatchObject({ villages: 3, households: 3 });
    expect(households.job.snapshot?.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const towns = await get<TownDto[]>('/api/towns');
    expect(towns.map((x) => [x.name, x.villageCount, x.counts.total])).toEqual([
      ['凤瑞街道', 2, 3],
      ['释之街道', 1, 0],
    ]);
    const village = (await get<VillageDto[]>('/api/villages?town=411322100000')).find((v) => v.code === '411322100201')!;
    expect(village.counts).toMatchObject({ total: 2, tuopin: 1, monitored: 1, ordinary: 0 });

    const page = await get<Page<HouseholdDto>>('/api/villages/411322100201/households?page=1&pageSize=10');
    expect(page.total).toBe(2);
    expect(page.items.map((h) => h.headName)).toEqual(['张*明', '李*']);

    const snapshots = await get<SnapshotDto[]>('/api/snapshots');
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0].id).toBe(households.job.snapshot!.id);
  });

  it('re-importing the same households in another row order gives the same snapshot hash', async () => {
    await importFile(t.baseUrl, 'villages', 'v.csv', csv(VILLAGES));
    const a = [household('H1', '甲', '411322100201'), household('H2', '乙', '411322100202'), household('H3', '丙', '411322101201')];
    const first = await importFile(t.baseUrl, 'households', 'a.csv', csv([HOUSEHOLD_HEADER, ...a]));
    const second = await importFile(t.baseUrl, 'households', 'b.csv', csv([HOUSEHOLD_HEADER, ...a.reverse()]));
    expect(second.job.snapshot!.contentHash).toBe(first.job.snapshot!.contentHash);
    expect(second.job.snapshot!.id).not.toBe(first.job.snapshot!.id);
  });

  it('rejects a file with bad rows, naming row and column of each problem, and changes nothing', async () => {
    await importFile(t.baseUrl, 'villages', 'v.csv', csv(VILLAGES));
    await importFile(t.baseUrl, 'households', 'ok.csv', csv([HOUSEHOLD_HEADER, household('H1', '甲', '411322100201')]));
    const before = await count('household');
    const snapshotsBefore = await count('roster_snapshot');

    const bad = [
      HOUSEHOLD_HEADER,
      household('H10', '张三', '411322100201', '一般农户', '', 'abc'), // row 2: income not a number
      household('H11', '李四', '411322100201'),
      household('H11', '王五', '411322100201'), // row 4: duplicate 户编号
    ];
    const result = await importFile(t.baseUrl, 'households', 'bad.csv', csv(bad));
    expect(result.job.status).toBe('failed');
    expect(result.job.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 2, column: '人均纯收入' }), expect.objectContaining({ row: 4, column: '户编号' })]),
    );
    expect(result.job.message).toContain('未导入任何数据');
    expect(await count('household')).toBe(before);
    expect(await count('roster_snapshot')).toBe(snapshotsBefore);
  });

  it('rejects households of an unknown village, or whose village name does not match the code', async () => {
    await importFile(t.baseUrl, 'villages', 'v.csv', csv(VILLAGES));
    const rows = [HOUSEHOLD_HEADER, household('H1', '甲', '411322100201'), household('H2', '乙', '411322100202')];
    rows[1][4] = '411322999999';
    rows[2][3] = '李庄村';
    const result = await importFile(t.baseUrl, 'households', 'x.csv', csv(rows));
    expect(result.job.status).toBe('failed');
    expect(result.job.problems).toEqual([
      expect.objectContaining({ row: 2, column: '村代码', message: expect.stringContaining('411322999999') }),
      expect.objectContaining({ row: 3, column: '行政村', message: expect.stringContaining('王庄村') }),
    ]);
    expect(await count('household')).toBe(0);
  });

  it('names the spreadsheet row of a database problem past blank rows, and a broken quote deep in a file changes nothing', async () => {
    await importFile(t.baseUrl, 'villages', 'v.csv', csv(VILLAGES));
    const blanks = [HOUSEHOLD_HEADER, household('H1', '甲', '411322100201'), Array(16).fill(''), household('H2', '乙', '411322100202')];
    blanks[3][4] = '411322999999';
    const unknown = await importFile(t.baseUrl, 'households', 'blank-rows.csv', csv(blanks));
    expect(unknown.job.problems).toEqual([expect.objectContaining({ row: 4, column: '村代码', message: expect.stringContaining('第 4 行') })]);

    await importFile(t.baseUrl, 'households', 'ok.csv', csv([HOUSEHOLD_HEADER, household('H1', '甲', '411322100201')]));
    const snapshots = await count('roster_snapshot');
    // More rows than the importer reads between two yields, so the quote breaks after rows were already read.
    const rows = [HOUSEHOLD_HEADER, ...Array.from({ length: 6000 }, (_, i) => household(`Q${i}`, '丙', '411322100202'))];
    const text = new TextDecoder().decode(csv(rows)) + '"Q-broken,丁\r\n';
    const broken = await importFile(t.baseUrl, 'households', 'broken.csv', new TextEncoder().encode(text));
    expect(broken.job.status).toBe('failed');
    expect(broken.job.message).toContain('第 6002 行的引号没有闭合');
    expect(broken.job.problems).toEqual([expect.objectContaining({ row: 6002 })]);
    expect(await t.db.query(`SELECT household_no FROM household`)).toEqual([{ household_no: 'H1' }]);
    expect(await count('roster_snapshot')).toBe(snapshots);
  });

  it('tells what is wrong with an empty file, a missing column and a file that is not a spreadsheet', async () => {
    const empty = await importFile(t.baseUrl, 'households', 'empty.csv', new Uint8Array());
    expect(empty.job.status).toBe('failed');
    expect(empty.job.message).toMatch(/空/);

    const missing = await importFile(t.baseUrl, 'households', 'missing.csv', csv([HOUSEHOLD_HEADER.filter((h) => h !== '人均纯收入'), ['H1']]));
    expect(missing.job.status).toBe('failed');
    expect(missing.job.problems[0]).toMatchObject({ row: 1, column: '人均纯收入' });

    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const picture = await importFile(t.baseUrl, 'households', 'photo.xlsx', png);
    expect(picture.job.status).toBe('failed');
    expect(picture.job.message).toMatch(/不是|二进制/);
    expect(await count('household')).toBe(0);
  });

  it('refuses a file over the upload limit with a clear message, not a raw 413', async () => {
    const big = new Uint8Array(1.5 * 1024 * 1024).fill(0x41);
    const form = new FormData();
    form.append('file', new Blob([big]), 'big.csv');
    const response = await authed(`${t.baseUrl}/api/imports/households`, { method: 'POST', body: form });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('IMPORT_TOO_LARGE');
    expect(body.message).toContain('1 MB');
  });

  it('answers an unknown import kind, a bad village code and an unknown job with clear errors', async () => {
    const form = new FormData();
    form.append('file', new Blob([csv(VILLAGES)]), 'v.csv');
    const unknown = await authed(`${t.baseUrl}/api/imports/people`, { method: 'POST', body: form });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain('villages');

    const badCode = await authed(`${t.baseUrl}/api/villages/12ab/households`);
    expect(badCode.status).toBe(400);
    const badPage = await authed(`${t.baseUrl}/api/villages/411322100201/households?pageSize=100000`);
    expect(badPage.status).toBe(400);
    expect(((await badPage.json()) as { message: string }).message).toContain('pageSize');
    const noJob = await authed(`${t.baseUrl}/api/imports/00000000-0000-0000-0000-000000000000`);
    expect(noJob.status).toBe(404);
  });

  it("refuses a planner of some towns: an import replaces the county's villages, and jobs quote the files' cells", async () => {
    const done = await importFile(t.baseUrl, 'villages', '行政村.csv', csv(VILLAGES));
    const townPlanner = await tokenFor(t.baseUrl, t.db, 'planner', 'planner-of-one-town', ['411322100000']);
    const as = (path: string, init: RequestInit = {}) => fetch(t.baseUrl + path, { ...init, headers: { authorization: `Bearer ${townPlanner}` } });
    const form = new FormData();
    form.append('file', new Blob([csv([HOUSEHOLD_HEADER, household('H0001', '张三明', '411322101201')])]), '农户.csv');
    const upload = await as('/api/imports/households', { method: 'POST', body: form });
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as { message: string }).message).toMatch(/全县范围的账号/);
    expect((await as(`/api/imports/${done.job.id}`)).status).toBe(403);
    expect((await as('/api/imports')).status).toBe(403);
    expect(await count('household')).toBe(0);
  });
});

describe('the API shell', () => {
  it('reports the database in /api/health and publishes OpenAPI', async () => {
    const health = await get<{ status: string; database: { ok: boolean } }>('/api/health');
    expect(health).toMatchObject({ status: 'ok', database: { ok: true } });
    const docs = await get<{ paths: Record<string, unknown> }>('/api/docs-json');
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/towns', '/api/villages', '/api/villages/{code}/households', '/api/imports/{kind}']));
  });

  it('serves import templates whose header row the importer accepts', async () => {
    const response = await authed(`${t.baseUrl}/api/imports/templates/households.csv`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.replace(/^\uFEFF/, '').trim()).toBe(HOUSEHOLD_HEADER.join(','));
    const xlsx = await authed(`${t.baseUrl}/api/imports/templates/villages.xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });
});

describe('roster snapshots', () => {
  it('hash the canonical roster exactly as an auditor recomputes it from the imported files', async () => {
    const villageFile = csv(VILLAGES);
    const householdFile = csv([HOUSEHOLD_HEADER, household('H1', '甲', '411322100201', '脱贫户', '', '7500.5'), household('H2', '乙', '411322100202')]);
    const cadreFile = csv([CADRE_HEADER, ['C1', '赵六', '村党支部书记', '411322100201', '13812340797'], ['C2', '钱七', '乡村振兴专干', '411322100202', '']]);
    await importFile(t.baseUrl, 'villages', 'v.csv', villageFile);
    await importFile(t.baseUrl, 'households', 'h.csv', householdFile);
    const last = await importFile(t.baseUrl, 'cadres', 'c.csv', cadreFile);
    expect(last.job.status).toBe('done');

    const expected = rosterHash({
      villages: parseVillageTable(await readTable(villageFile)).records,
      households: parseHouseholdTable(await readTable(householdFile)).records,
      projects: [],
      assets: [],
      cadres: parseCadreTable(await readTable(cadreFile)).records,
    });
    expect(last.job.snapshot!.contentHash).toBe(expected);
    expect(last.job.snapshot!.counts).toEqual({ villages: 3, households: 2, projects: 0, assets: 0, cadres: 2 });

    // The canonical text holds full names and phones: only for whole-county accounts granted full export, and logged.
    const download = () => authed(`${t.baseUrl}/api/snapshots/${last.job.snapshot!.id}/content`);
    const refused = await download();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/完整导出/);
    await t.db.query(`UPDATE app_user SET full_export = true WHERE username = 'test-planner'`);
    try {
      const content = gunzipSync(Buffer.from(await (await download()).arrayBuffer()));
      expect(createHash('sha256').update(content).digest('hex')).toBe(expected);
      const logged: { username: string }[] = await t.db.query(`SELECT username FROM access_log WHERE target_type = 'roster-snapshot' AND target_id = $1`, [last.job.snapshot!.id]);
      expect(logged).toEqual([{ username: 'test-planner' }]);
    } finally {
      await t.db.query(`UPDATE app_user SET full_export = false WHERE username = 'test-planner'`);
    }
  });

  it('cannot be changed or deleted, even by SQL from the application', async () => {
    await importFile(t.baseUrl, 'villages', 'v.csv', csv(VILLAGES));
    await expect(t.db.query(`UPDATE roster_snapshot SET content_hash = repeat('0', 64)`)).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM roster_snapshot`)).rejects.toThrow(/immutable/);
  });
});
