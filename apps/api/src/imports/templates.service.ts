import { Injectable } from '@nestjs/common';
import { ASSET_HEADERS, CADRE_HEADERS, HOUSEHOLD_HEADERS, PROJECT_HEADERS, rowsToXlsx, toCsv, VILLAGE_HEADERS } from '@lookback/roster';
import { DomainError, ErrorCode } from '../common/domain-error.js';

const HEADERS: Record<string, { headers: readonly string[]; title: string }> = {
  villages: { headers: VILLAGE_HEADERS, title: '行政村名单' },
  households: { headers: HOUSEHOLD_HEADERS, title: '农户花名册' },
  projects: { headers: PROJECT_HEADERS, title: '衔接资金项目' },
  assets: { headers: ASSET_HEADERS, title: '项目资产' },
  cadres: { headers: CADRE_HEADERS, title: '村干部名单' },
};

/** Empty import templates: the header row exactly as the importer expects it. */
@Injectable()
export class TemplatesService {
  async template(file: string): Promise<{ fileName: string; contentType: string; body: Uint8Array }> {
    const match = /^([a-z]+)\.(csv|xlsx)$/.exec(file);
    const spec = match ? HEADERS[match[1]] : undefined;
    if (!match || !spec) throw new DomainError(ErrorCode.NotFound, `没有模板“${file.slice(0, 40)}”，可选：${Object.keys(HEADERS).map((k) => `${k}.csv、${k}.xlsx`).join('、')}`);
    const rows = [[...spec.headers]];
    if (match[2] === 'csv') {
      return { fileName: `${spec.title}模板.csv`, contentType: 'text/csv; charset=utf-8', body: new TextEncoder().encode(toCsv(rows)) };
    }
    return {
      fileName: `${spec.title}模板.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await rowsToXlsx(spec.title, rows),
    };
  }
}
