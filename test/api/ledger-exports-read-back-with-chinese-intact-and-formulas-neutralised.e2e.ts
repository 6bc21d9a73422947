import type { GenerateLedgerResultDto, LedgerItemDto } from '@lookback/contracts';
import { XIAO_LEDGER_HEADERS } from '@lookback/fieldwork';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../apps/api/src/common/clock.js';
import { DemoRoundService } from '../../apps/api/src/demo/demo-round.service.js';
import { JIANAN_COLUMNS, XIANGCHENG_COLUMNS } from '../../apps/api/src/ledger/ledger-exports.service.js';
import { safeCell } from '../../apps/api/src/ledger/safe-cell.js';
import { login } from '../support/accounts.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-24T09:00:00+08:00');
  }
}

let t: TestApp;
let planner: string;
let rectifier: string;
let roundId: string;
let myTown: string;
let generated: LedgerItemDto[];

const call = async <T>(token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(t.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
};

async function workbook(token: string, path: string): Promise<{ sheet: ExcelJS.Worksheet; response: Response }> {
  const response = await fetch(t.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  return { sheet: book.worksheets[0], response };
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

beforeAll(async () => {
  t = await startTestApp({}, new FixedClock());
  await loadDemoDay(t);
  roundId = (await t.app.get(DemoRoundService).ensure())!;
  // The demo may already have worked the round's ledger (its history): start from its findings alone.
  await t.db.query(`TRUNCATE ledger_item, notification CASCADE`);
  [{ myTown }] = await t.db.query(`SELECT scope_towns[1] AS "myTown" FROM app_user WHERE username = 'rectifier'`);
  planner = await login(t.baseUrl, 'planner', 'lookback-demo');
  rectifier = await login(t.baseUrl, 'rectifier', 'lookback-demo');
  // Two planners' clicks at once still make one item per finding.
  const [a, b] = await Promise.all([0, 1].map(() => call<GenerateLedgerResultDto>(planner, 'POST', `/api/plans/${roundId}/ledger/generate`, {})));
  expect([a.status, b.status]).toEqual([200, 200]);
  generated = [...a.body.items, ...b.body.items].sort((x, y) => x.seq - y.seq);
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ledger_item_finding`);
  expect(generated.length).toBe(n);
  expect(a.body.created * b.body.created).toBe(0);
  await call(planner, 'POST', `/api/plans/${roundId}/ledger/issue`);
}, 180_000);
afterAll(() => t?.close());

describe('formula injection guard', () => {
  it('prefixes text beginning with = + - @ tab or CR with an apostrophe and leaves other text and numbers alone', () => {
    expect(['=SUM(A1)', '+1', '-1+2', '@cmd', '\tx', '\rx'].map(safeCell)).toEqual(["'=SUM(A1)", "'+1", "'-1+2", "'@cmd", "'\tx", "'\rx"]);
    expect(safeCell('饮水安全 =1')).toBe('饮水安全 =1');
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBe('');
  });
});

describe('the 建安 ledger export', () => {
  it('has a title row, the seven columns of the source document with widths, every item, and Chinese text intact', async () => {
    const { sheet, response } = await workbook(planner, `/api/ledger/export/jianan.xlsx?plan=${roundId}`);
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain('整改台账（建安格式）.xlsx');
    expect(String(sheet.getCell('A1').value)).toContain('整改台账');
    expect(String(sheet.getCell('A1').value)).toContain('第一轮');
    expect(rowValues(sheet, 3)).toEqual(JIANAN_COLUMNS.map(([name]) => name));
    expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(40);
    const dataRows = sheet.getRows(4, generated.length)!.map((r) => (r.values as unknown[]).slice(1));
    expect(dataRows.map((r) => r[0])).toEqual(generated.map((i) => i.seq));
    for (const [n, item] of generated.entries()) {
      expect(dataRows[n][1]).toBe(item.problemType);
      expect(dataRows[n][2]).toBe(item.nature);
      expect(dataRows[n][3]).toBe(item.description);
      expect(dataRows[n][5]).toBe(item.deadline ?? '长期坚持');
      expect(dataRows[n][6]).toBe(item.responsibleUnit);
    }
    expect(String(sheet.getRow(4 + generated.length).getCell(1).value)).toMatch(/^备注：“问题类型”/);
  });

  it('writes a description beginning with =SUM(A1) as text, never as a formula', async () => {
    const made = await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { townCode: myTown, problemType: '档卡资料', nature: '个性问题', description: '=SUM(A1)', measures: '@HYPERLINK("http://x")', deadline: '2026-12-01' });
    expect(made.status).toBe(201);
    const { sheet } = await workbook(planner, '/api/ledger/export/jianan.xlsx');
    const row = sheet.getRows(4, sheet.rowCount - 3)!.find((r) => String(r.getCell(4).value).includes('SUM(A1)'))!;
    const cell = row.getCell(4);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe("'=SUM(A1)");
    expect(row.getCell(5).value).toBe(`'@HYPERLINK("http://x")`);
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.String);
  });

  it('holds only the rectifier’s own issued items when a rectifier exports', async () => {
    const { sheet } = await workbook(rectifier, '/api/ledger/export/jianan.xlsx');
    const units = sheet.getRows(4, sheet.rowCount - 4)!.map((r) => String(r.getCell(7).value));
    const [{ name }] = await t.db.query(`SELECT name FROM town WHERE code = $1`, [myTown]);
    expect(units.length).toBe(generated.filter((i) => i.townCode === myTown).length);
    expect(units.every((u) => u.startsWith(name))).toBe(true);
  });
});

describe('the 襄城 ledger export', () => {
  it('uses the header of 003 (类别 分项 序号 排查项目 排查发现问题 整改措施 整改情况 责任单位) and fills 整改情况 with the status', async () => {
    const first = generated[0];
    await call(planner, 'POST', `/api/ledger/items/${first.id}/start`, {});
    await call(planner, 'PATCH', `/api/ledger/items/${first.id}`, { measures: '联系医保站为其补缴', progressNote: '已补缴城乡居民医保' });
    const { sheet } = await workbook(planner, `/api/ledger/export/xiangcheng.xlsx?plan=${roundId}`);
    expect(rowValues(sheet, 3)).toEqual(['类别', '分项', '序号', '排查项目', '排查发现问题', '整改措施', '整改情况', '责任单位']);
    expect(XIANGCHENG_COLUMNS.map(([n]) => n)).toEqual(rowValues(sheet, 3));
    const row = rowValues(sheet, 4);
    expect(row[2]).toBe(first.seq);
    expect(String(row[3]).length).toBeGreaterThan(4); // the checklist item's words
    expect(row[4]).toBe(first.description);
    expect(row[5]).toBe('联系医保站为其补缴');
    expect(row[6]).toBe('已补缴城乡居民医保（整改中）');
    expect(row[7]).toBe(first.responsibleUnit);
  });
});

describe('the 萧县 household ledger export', () => {
  it('has the two header rows of 002 and one row per visited household, with names masked', async () => {
    const { sheet } = await workbook(planner, `/api/plans/${roundId}/household-ledger.xlsx`);
    expect(String(sheet.getCell('A1').value)).toContain('大排查入户排查台账');
    expect(rowValues(sheet, 3)).toEqual(['行政村', ...XIAO_LEDGER_HEADERS]);
    expect(sheet.getCell('E2').value).toBe('收入状况');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM stop_record WHERE plan_id = $1 AND stop_kind = 'household' AND status = 'complete'`, [roundId]);
    expect(sheet.rowCount - 3).toBe(n);
    const names = sheet.getRows(4, n)!.map((r) => String(r.getCell(2).value));
    expect(names.every((name) => name.includes('*'))).toBe(true);
    const counts = sheet.getRows(4, n)!.map((r) => r.getCell(19).value);
    expect(counts.every((c) => typeof c === 'number')).toBe(true);
    expect((counts as number[]).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('is not for rectifiers', async () => {
    const response = await fetch(`${t.baseUrl}/api/plans/${roundId}/household-ledger.xlsx`, { headers: { authorization: `Bearer ${rectifier}` } });
    expect(response.status).toBe(403);
  });
});
