import { Injectable } from '@nestjs/common';
import { chinaDate, maskName } from '@lookback/contracts';
import { type StopRecord, XIAO_LEDGER_GROUPS, XIAO_LEDGER_HEADERS, xiaoLedgerRow } from '@lookback/fieldwork';
import ExcelJS from 'exceljs';
import { AccessLogRepository } from '../access-log/access-log.repository.js';
import type { CurrentUser } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { PlansService } from '../plans/plans.service.js';
import { SnapshotRostersService } from '../roster/snapshot-rosters.service.js';
import type { LedgerFilter, LedgerItemRow } from './ledger.repository.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { safeCell } from './safe-cell.js';

/** The 建安 ledger columns (001: 序号 问题类型 问题性质 问题表述 整改措施 完成时限 责任单位) and widths. */
export const JIANAN_COLUMNS = [
  ['序号', 6],
  ['问题类型', 12],
  ['问题性质', 10],
  ['问题表述', 48],
  ['整改措施', 40],
  ['完成时限', 14],
  ['责任单位', 22],
] as const;

/** The 襄城 ledger columns, as the header of 003's 排查整改台账 reads. */
export const XIANGCHENG_COLUMNS = [
  ['类别', 10],
  ['分项', 12],
  ['序号', 6],
  ['排查项目', 40],
  ['排查发现问题', 44],
  ['整改措施', 36],
  ['整改情况', 36],
  ['责任单位', 22],
] as const;

const JIANAN_NOTE =
  '备注：“问题类型”指饮水安全、就业扶贫、农村危房改造、健康扶贫、教育扶贫、综合保障等；“问题性质”指共性问题、个性问题；整改措施要有针对性、操作性，体现整改进度和落实效果；完成时限精准到“日”；责任单位指牵头或分工落实的单位。';

const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FONT = '宋体';

/**
 * Ledger exports as xlsx in the layouts the source documents file (建安, 襄城, 萧县). Every text
 * cell goes through safeCell (no formula injection); text is stored as Unicode strings, which
 * Excel and WPS open without any code-page guessing.
 */
@Injectable()
export class LedgerExportsService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly repo: LedgerRepository,
    private readonly plans: PlansService,
    private readonly rosters: SnapshotRostersService,
    private readonly accessLog: AccessLogRepository,
    private readonly clock: Clock,
  ) {}

  async jianan(user: CurrentUser, address: string, filter: Omit<LedgerFilter, 'today'>): Promise<Buffer> {
    const rows = await this.ledger.rows(user, filter);
    const title = `${await this.titleOf(user, filter)}整改台账`;
    const book = this.book();
    const sheet = book.addWorksheet('整改台账', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    this.header(sheet, title, JIANAN_COLUMNS, `导出日期：${chinaDate(this.clock.now())}`);
    for (const r of rows) {
      this.row(sheet, [r.seq, r.problemType, r.nature, r.description, r.measures, r.deadline ?? '长期坚持', r.responsibleUnit]);
    }
    const note = sheet.addRow([safeCell(JIANAN_NOTE)]);
    sheet.mergeCells(note.number, 1, note.number, JIANAN_COLUMNS.length);
    note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    note.height = 36;
    await this.accessLog.append(user, 'export', 'ledger', filter.planId ?? null, address, { layout: 'jianan', items: rows.length });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  async xiangcheng(user: CurrentUser, address: string, filter: Omit<LedgerFilter, 'today'>): Promise<Buffer> {
    const rows = await this.ledger.rows(user, filter);
    const title = `${await this.titleOf(user, filter)}排查整改台账`;
    const book = this.book();
    const sheet = book.addWorksheet('排查整改台账', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    this.header(sheet, title, XIANGCHENG_COLUMNS, `导出日期：${chinaDate(this.clock.now())}`);
    for (const r of rows) {
      this.row(sheet, [r.checkCategory ?? '', r.checkSubArea ?? r.problemType, r.seq, r.checkText ?? '', r.description, r.measures, progressText(r), r.responsibleUnit]);
    }
    await this.accessLog.append(user, 'export', 'ledger', filter.planId ?? null, address, { layout: 'xiangcheng', items: rows.length });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /** 萧县 大排查入户排查台账: one row per visited household of the plan (names masked without full export). */
  async xiaoHouseholds(user: CurrentUser, address: string, planId: string): Promise<Buffer> {
    const plan = await this.plans.visible(user, planId);
    const records = (await this.repo.planRecords(plan.id)).filter((r) => r.stopKind === 'household' && r.record.status === 'complete');
    const roster = await this.rosters.roster(plan.snapshotId);
    const households = new Map(roster.households.map((h) => [h.householdNo, h]));
    const villages = new Map(roster.villages.map((v) => [v.code, v.name]));
    const book = this.book();
    const sheet = book.addWorksheet('大排查入户排查台账', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    const leafs = ['行政村', ...XIAO_LEDGER_HEADERS];
    const widths = [12, 10, 10, 8, 12, 14, 10, 14, 14, 12, 16, 12, 14, 12, 16, 16, 14, 30, 12, 12];
    sheet.columns = leafs.map((_, i) => ({ width: widths[i] ?? 12 }));
    const title = sheet.addRow([safeCell(`${plan.name} 大排查入户排查台账`)]);
    sheet.mergeCells(1, 1, 1, leafs.length);
    title.font = { name: FONT, size: 16, bold: true };
    title.alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 30;
    // Two header rows: the groups (收入状况 …) over their leaf columns; the others span both rows.
    const groupRow = sheet.addRow(leafs.map(() => ''));
    const leafRow = sheet.addRow(leafs.map((h) => safeCell(h)));
    const offset = 1; // the 行政村 column comes first
    const inGroup = new Set<number>();
    for (const g of XIAO_LEDGER_GROUPS) {
      for (let i = 0; i < g.span; i++) inGroup.add(g.from + i + offset);
      groupRow.getCell(g.from + offset + 1).value = g.title;
      if (g.span > 1) sheet.mergeCells(groupRow.number, g.from + offset + 1, groupRow.number, g.from + offset + g.span);
    }
    for (let i = 0; i < leafs.length; i++) {
      if (inGroup.has(i)) continue;
      groupRow.getCell(i + 1).value = leafs[i];
      sheet.mergeCells(groupRow.number, i + 1, leafRow.number, i + 1);
    }
    for (const r of [groupRow, leafRow]) {
      r.eachCell({ includeEmpty: true }, (cell) => {
        cell.font = { name: FONT, bold: true, size: 10 };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.border = border;
      });
    }
    leafRow.height = 48;
    let masked = 0;
    for (const r of records) {
      const h = households.get(r.stopCode);
      if (!h) continue;
      const headName = user.fullExport ? h.headName : maskName(h.headName);
      if (!user.fullExport) masked++;
      const cells = xiaoLedgerRow({ household: { headName, householdType: h.householdType, members: h.members }, record: r.record as StopRecord });
      this.row(sheet, [villages.get(r.villageCode) ?? r.villageCode, ...cells]);
    }
    sheet.views = [{ state: 'frozen', ySplit: 3 }];
    await this.accessLog.append(user, 'export', 'plan-household-ledger', plan.id, address, { households: records.length, fullNames: user.fullExport, masked });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  private book(): ExcelJS.Workbook {
    const book = new ExcelJS.Workbook();
    book.creator = 'Lookback 回头看';
    book.created = this.clock.now();
    return book;
  }

  private header(sheet: ExcelJS.Worksheet, title: string, columns: readonly (readonly [string, number])[], subtitle: string): void {
    sheet.columns = columns.map(([, width]) => ({ width }));
    const t = sheet.addRow([safeCell(title)]);
    sheet.mergeCells(t.number, 1, t.number, columns.length);
    t.font = { name: FONT, size: 16, bold: true };
    t.alignment = { horizontal: 'center', vertical: 'middle' };
    t.height = 30;
    const s = sheet.addRow([safeCell(subtitle)]);
    sheet.mergeCells(s.number, 1, s.number, columns.length);
    s.alignment = { horizontal: 'right' };
    const h = sheet.addRow(columns.map(([name]) => name));
    h.eachCell((cell) => {
      cell.font = { name: FONT, bold: true, size: 11 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
    });
    h.height = 22;
    sheet.views = [{ state: 'frozen', ySplit: 3 }];
    sheet.pageSetup.printTitlesRow = '3:3';
  }

  private row(sheet: ExcelJS.Worksheet, values: (string | number | null)[]): void {
    const row = sheet.addRow(values.map((v) => safeCell(v)));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = border;
    });
  }

  private async titleOf(user: CurrentUser, filter: Omit<LedgerFilter, 'today'>): Promise<string> {
    if (filter.planId) return `${(await this.plans.visible(user, filter.planId)).name} `;
    return '';
  }
}

function progressText(r: LedgerItemRow): string {
  const status = { pending: '待整改', 'in-progress': '整改中', 'awaiting-review': '已整改待核验', closed: '已销号' }[r.status];
  const parts = [r.progressNote.trim(), `（${status}${r.completedOn ? `，${r.completedOn}` : ''}）`];
  return parts.filter(Boolean).join('');
}
