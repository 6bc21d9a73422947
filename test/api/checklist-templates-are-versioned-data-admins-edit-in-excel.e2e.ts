/**
 * Checklists are data: an admin exports the 方城 附件1 household checklist to Excel, rewords an
 * item and adds one, uploads it back as version 2; a sheet with mistakes is refused whole, naming
 * the row and column, and changes nothing; inspectors' packets carry the current version while
 * records filled against version 1 still validate against version 1.
 */
import ExcelJS from 'exceljs';
import type { ChecklistTemplate } from '@lookback/fieldwork';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../support/accounts.js';
import { startTestApp, type TestApp } from '../support/app.js';

const ID = 'fangcheng-household';

let t: TestApp;
let admin: string;
let planner: string;

async function call(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${t.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
}

async function sheetRows(bytes: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

async function workbookOf(rows: string[][]): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('排查项目');
  rows.forEach((r) => sheet.addRow(r));
  return new Blob([await workbook.xlsx.writeBuffer()]);
}

async function upload(token: string, body: Blob, name = '排查表.xlsx'): Promise<Response> {
  const form = new FormData();
  form.append('file', body, name);
  return call(token, `/api/checklist-templates/${ID}/xlsx`, { method: 'PUT', body: form });
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await tokenFor(t.baseUrl, t.db, 'admin');
  planner = await tokenFor(t.baseUrl, t.db, 'planner');
});
afterAll(async () => t?.close());

describe('checklist templates as versioned data', () => {
  let exported: string[][];

  it('lists the source documents’ templates as version 1', async () => {
    const response = await call(planner, '/api/checklist-templates');
    expect(response.status).toBe(200);
    const { current } = (await response.json()) as { current: ChecklistTemplate[] };
    const household = current.find((c) => c.id === ID)!;
    expect(household).toMatchObject({ version: 1, kind: 'household' });
    expect(household.items).toHaveLength(13);
    expect(current.map((c) => c.kind)).toEqual(expect.arrayContaining(['household', 'village', 'project', 'asset', 'documents', 'interview']));
  });

  it('exports the household checklist as a sheet with Chinese headers and every item', async () => {
    const response = await call(admin, `/api/checklist-templates/${ID}/xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('第1版'));
    exported = await sheetRows(await response.arrayBuffer());
    expect(exported[0].slice(0, 5)).toEqual(['编号', '序号', '类别', '分项', '排查内容']);
    expect(exported).toHaveLength(14);
  });

  it('refuses a sheet with a bad answer direction and an unknown problem type, naming rows and columns, and stores nothing', async () => {
    const broken = exported.map((r) => [...r]);
    broken[2][6] = '也许';
    broken[4][7] = '天气';
    const response = await upload(admin, await workbookOf(broken));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { message: string; problems: { row: number | null; column: string | null; message: string }[] };
    expect(body.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 3, column: '问题答案' }), expect.objectContaining({ message: expect.stringContaining('天气') })]),
    );
    const after = (await (await call(admin, `/api/checklist-templates/${ID}`)).json()) as ChecklistTemplate;
    expect(after.version).toBe(1);
  });

  it('refuses a file that is not a spreadsheet with a clear message', async () => {
    const response = await upload(admin, new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { message: string }).message).toMatch(/XLSX|表格/);
  });

  it('stores an edited sheet as version 2; version 1 stays readable', async () => {
    const edited = exported.map((r) => [...r]);
    edited[1][4] = `${edited[1][4]}（含务工收入核实）`;
    edited.push(['fc-h-14', '14', '', '防止返贫监测', '是否存在应纳未纳监测对象的情况', '', '是', '监测帮扶', '', '', '督查组补充']);
    const response = await upload(admin, await workbookOf(edited));
    expect(response.status).toBe(200);
    const v2 = (await response.json()) as ChecklistTemplate;
    expect(v2.version).toBe(2);
    expect(v2.items).toHaveLength(14);
    expect(v2.items[0].text).toContain('含务工收入核实');
    const v1 = (await (await call(planner, `/api/checklist-templates/${ID}?version=1`)).json()) as ChecklistTemplate;
    expect(v1.items).toHaveLength(13);
    const { versions } = (await (await call(admin, '/api/checklist-templates')).json()) as { versions: { id: string; version: number; createdBy: string | null }[] };
    expect(versions.filter((v) => v.id === ID).map((v) => [v.version, v.createdBy])).toEqual([
      [2, 'test-admin'],
      [1, null],
    ]);
  });

  it('lets only admins edit, and answers 404 for a template that does not exist', async () => {
    expect((await upload(planner, await workbookOf(exported))).status).toBe(403);
    expect((await call(admin, '/api/checklist-templates/nope')).status).toBe(404);
    expect((await call(admin, `/api/checklist-templates/${ID}?version=9`)).status).toBe(404);
  });
});
