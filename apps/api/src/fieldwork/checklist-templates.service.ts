import { Injectable } from '@nestjs/common';
import type { ImportProblem } from '@lookback/contracts';
import { type ChecklistTemplate, TEMPLATE_SHEET_HEADERS, templateFromRows, templateToRows } from '@lookback/fieldwork';
import { readTable, RosterFormatError, rowsToXlsx } from '@lookback/roster';
import type { CurrentUser } from '../auth/roles.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { ChecklistTemplatesRepository, type TemplateVersionRow } from './checklist-templates.repository.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Admins edit checklists in Excel/WPS: export the current version, change wording, add or
 * reorder items, upload it back as the next version. A file with any problem changes nothing.
 */
@Injectable()
export class ChecklistTemplatesService {
  constructor(private readonly templates: ChecklistTemplatesRepository) {}

  current(): Promise<ChecklistTemplate[]> {
    return this.templates.current();
  }

  history(): Promise<TemplateVersionRow[]> {
    return this.templates.history();
  }

  async get(id: string, version?: number): Promise<ChecklistTemplate> {
    const t = version === undefined ? await this.templates.latest(id) : await this.templates.version(id, version);
    if (!t) throw new DomainError(ErrorCode.NotFound, version === undefined ? `没有排查表 ${id.slice(0, 60)}` : `排查表 ${id.slice(0, 60)} 没有第 ${version} 版`);
    return t;
  }

  async exportXlsx(id: string): Promise<{ fileName: string; contentType: string; body: Uint8Array }> {
    const t = await this.get(id);
    return { fileName: `${t.title}（第${t.version}版）.xlsx`, contentType: XLSX, body: await rowsToXlsx('排查项目', templateToRows(t)) };
  }

  /** Reads an edited sheet and stores it as the next version of the template. */
  async importXlsx(user: CurrentUser, id: string, fileName: string, bytes: Uint8Array): Promise<ChecklistTemplate> {
    const current = await this.get(id);
    let rows: string[][];
    try {
      rows = await readTable(bytes, fileName);
    } catch (error) {
      if (error instanceof RosterFormatError) throw new DomainError(ErrorCode.ImportInvalid, error.message, [{ row: null, column: null, message: error.message }]);
      throw error;
    }
    const { items: _items, ...header } = current;
    const { template, problems } = templateFromRows({ ...header, version: current.version + 1 }, rows);
    if (problems.length > 0) {
      throw new DomainError(ErrorCode.ImportInvalid, `排查表有 ${problems.length} 处问题，未保存：${problems.slice(0, 3).join('；')}${problems.length > 3 ? '……' : ''}`, problems.map(toProblem));
    }
    if (!(await this.templates.insert(template, user.id))) {
      throw new DomainError(ErrorCode.Conflict, `排查表 ${id} 刚被其他管理员保存为第 ${template.version} 版，请重新导出后再修改`);
    }
    return template;
  }
}

/** "第 3 行：问题答案应为…" → row 3, column 问题答案 (the sheet's own header names). */
function toProblem(message: string): ImportProblem {
  const row = /^第 (\d+) 行/.exec(message);
  const detail = message.slice(message.indexOf('：') + 1);
  const column = TEMPLATE_SHEET_HEADERS.find((h) => detail.startsWith(h) || detail.includes(`${h}“`) || detail.includes(`${h}应`)) ?? null;
  return { row: row ? Number(row[1]) : null, column, message };
}
