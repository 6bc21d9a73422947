import type { ImportJobDto, ImportKind } from '@lookback/contracts';

const BOM = '\uFEFF';

export function csv(rows: (string | number)[][]): Uint8Array {
  return new TextEncoder().encode(BOM + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
}

let token: string | null = null;
/** The bearer token `authed` and `importFile` send. */
export function useToken(next: string | null): void {
  token = next;
}
export function authed(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers });
}

/** Uploads a file as the browser does and waits for the import job to end. */
export async function importFile(baseUrl: string, kind: ImportKind | string, fileName: string, bytes: Uint8Array): Promise<{ status: number; job: ImportJobDto; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), fileName);
  const response = await authed(`${baseUrl}/api/imports/${kind}`, { method: 'POST', body: form });
  const body = (await response.json()) as ImportJobDto;
  if (response.status !== 202) return { status: response.status, job: body, body };
  let job = body;
  for (let i = 0; i < 600 && job.status !== 'done' && job.status !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await (await authed(`${baseUrl}/api/imports/${body.id}`)).json()) as ImportJobDto;
  }
  return { status: response.status, job, body };
}

export const VILLAGE_HEADER = ['村代码', '行政村', '乡镇代码', '乡镇', '村类型', '经度', '纬度'];
export const CADRE_HEADER = ['干部编号', '姓名', '职务', '村代码', '联系电话'];
export const HOUSEHOLD_HEADER = ['户编号', '户主姓名', '乡镇', '行政村', '村代码', '户类型', '监测对象类别', '是否低保户', '是否特困户', '是否重度残疾', '是否大病重病', '是否独居高龄老人', '家庭人口数', '人均纯收入', '经度', '纬度'];

/** Two towns, three villages of 方城县 (real codes). */
export const VILLAGES = [
  VILLAGE_HEADER,
  ['411322100201', '付庄村', '411322100000', '凤瑞街道', '一般村', '113.01', '33.26'],
  ['411322100202', '王庄村', '411322100000', '凤瑞街道', '脱贫村', '113.02', '33.27'],
  ['411322101201', '大寨村', '411322101000', '释之街道', '一般村', '112.98', '33.24'],
];

export function household(no: string, name: string, villageCode: string, type = '一般农户', category = '', income = '15000'): string[] {
  const village = VILLAGES.find((v) => v[0] === villageCode)!;
  return [no, name, village[3], village[1], villageCode, type, category, '否', '否', '否', '否', '否', '3', income, '', ''];
}
