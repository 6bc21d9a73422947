import type { AssetRecord, CadreRecord, HouseholdRecord, ImportProblem, ProjectRecord } from '@lookback/contracts';
import type { VillageRow } from '@lookback/roster';
import type { EntityManager } from 'typeorm';
import type { RosterRepository, VillageRef } from '../roster/roster.repository.js';

export type ParsedImport = { problems: ImportProblem[] } & (
  | { kind: 'villages'; records: VillageRow[] }
  | { kind: 'households'; records: HouseholdRecord[] }
  | { kind: 'projects'; records: ProjectRecord[] }
  | { kind: 'assets'; records: AssetRecord[] }
  | { kind: 'cadres'; records: CadreRecord[] }
);

/** Spreadsheet row numbers of the data rows (header = row 1; blank rows are skipped by the parser). */
export function dataRowNumbers(table: string[][]): number[] {
  const rows: number[] = [];
  for (let i = 1; i < table.length; i++) if (table[i].some((cell) => cell.trim() !== '')) rows.push(i + 1);
  return rows;
}

const LIMIT = 200;

/**
 * Checks that need the database: every row must point at a known village (or town) whose name
 * matches, and a natural key must not already belong to another village or town.
 */
export async function checkReferences(tx: EntityManager, roster: RosterRepository, parsed: ParsedImport, rows: number[]): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const add = (index: number, column: string, message: string) => {
    if (problems.length < LIMIT) problems.push({ row: rows[index] ?? null, column, message: `第 ${rows[index] ?? '?'} 行「${column}」：${message}` });
  };
  const knownVillage = (villages: Map<string, VillageRef>, index: number, code: string | null, column = '村代码'): VillageRef | null => {
    if (code === null) return null;
    const village = villages.get(code);
    if (!village) add(index, column, `村代码 ${code} 不在已导入的行政村中，请先导入行政村名单`);
    return village ?? null;
  };

  switch (parsed.kind) {
    case 'villages': {
      parsed.records.forEach((v, i) => {
        if (v.code.slice(0, 9) !== v.townCode.slice(0, 9)) add(i, '村代码', `村代码 ${v.code} 不属于乡镇代码 ${v.townCode}（前 9 位应相同）`);
      });
      const byTown = new Map<string, string>();
      parsed.records.forEach((v, i) => {
        const seen = byTown.get(v.townCode);
        if (seen === undefined) byTown.set(v.townCode, v.townName);
        else if (seen !== v.townName) add(i, '乡镇', `乡镇代码 ${v.townCode} 在前面的行中名为“${seen}”，此处为“${v.townName}”`);
      });
      break;
    }
    case 'households': {
      const villages = await roster.findVillageRefs(tx);
      parsed.records.forEach((h, i) => {
        const village = knownVillage(villages, i, h.villageCode);
        if (!village) return;
        if (village.name !== h.villageName) add(i, '行政村', `村代码 ${h.villageCode} 对应“${village.name}”，此行写的是“${h.villageName}”`);
        if (village.townName !== h.townName) add(i, '乡镇', `村代码 ${h.villageCode} 属于“${village.townName}”，此行写的是“${h.townName}”`);
      });
      await duplicateElsewhere(tx, roster, 'household', parsed.records.map((h) => h.householdNo), parsed.records.map((h) => h.villageCode), '户编号', add);
      break;
    }
    case 'projects': {
      const villages = await roster.findVillageRefs(tx);
      const towns = await roster.findTownNames(tx);
      parsed.records.forEach((p, i) => {
        if (!towns.has(p.townCode)) add(i, '乡镇代码', `乡镇代码 ${p.townCode} 不在已导入的乡镇中`);
        const village = knownVillage(villages, i, p.villageCode);
        if (village && village.townCode !== p.townCode) add(i, '村代码', `村代码 ${p.villageCode} 属于乡镇 ${village.townCode}，不属于 ${p.townCode}`);
      });
      await duplicateElsewhere(tx, roster, 'project', parsed.records.map((p) => p.projectCode), parsed.records.map((p) => p.townCode), '项目编号', add);
      break;
    }
    case 'assets': {
      const villages = await roster.findVillageRefs(tx);
      parsed.records.forEach((a, i) => knownVillage(villages, i, a.villageCode));
      await duplicateElsewhere(tx, roster, 'asset', parsed.records.map((a) => a.assetCode), parsed.records.map((a) => a.villageCode), '资产编号', add);
      break;
    }
    case 'cadres': {
      const villages = await roster.findVillageRefs(tx);
      parsed.records.forEach((c, i) => knownVillage(villages, i, c.villageCode));
      await duplicateElsewhere(tx, roster, 'cadre', parsed.records.map((c) => c.cadreNo), parsed.records.map((c) => c.villageCode), '干部编号', add);
      break;
    }
  }
  return problems;
}

async function duplicateElsewhere(
  tx: EntityManager,
  roster: RosterRepository,
  table: 'household' | 'project' | 'asset' | 'cadre',
  keys: string[],
  scopes: string[],
  column: string,
  add: (index: number, column: string, message: string) => void,
): Promise<void> {
  const scope = [...new Set(scopes)];
  // The usual import replaces every row of its table: then no key can be owned elsewhere.
  if (!(await roster.hasRowsOutside(tx, table, scope))) return;
  const elsewhere = await roster.findKeysOutside(tx, table, keys, scope);
  if (!elsewhere.size) return;
  keys.forEach((key, i) => {
    const other = elsewhere.get(key);
    if (other) add(i, column, `${column} ${key} 已属于 ${other}，不能重复`);
  });
}
