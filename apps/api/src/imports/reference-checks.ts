import type { AssetRecord, CadreRecord, HouseholdRecord, ImportProblem, ProjectRecord } from '@lookback/contracts';
import { MAX_PROBLEMS, type RosterRecords, unlistedProblems, type VillageRow } from '@lookback/roster';
import type { EntityManager } from 'typeorm';
import type { RosterRepository, RowKind, VillageRef } from '../roster/roster.repository.js';

/**
 * Problems that need the database, collected row by row with the file's row numbers: listed up to
 * MAX_PROBLEMS, the rest counted and told in a last problem, as the parsers do.
 */
export class ReferenceProblems {
  private readonly listed: ImportProblem[] = [];
  private unlisted = 0;

  add(row: number | null, column: string, message: string): void {
    if (this.listed.length < MAX_PROBLEMS) this.listed.push({ row, column, message: `第 ${row ?? '?'} 行「${column}」：${message}` });
    else this.unlisted++;
  }

  get empty(): boolean {
    return this.listed.length === 0;
  }

  /** The problems listed, and how many more there are when some are not. */
  get items(): ImportProblem[] {
    return this.unlisted > 0 ? [...this.listed, unlistedProblems(this.unlisted)] : this.listed;
  }
}

/** What the database knows about the roster's places, read once per import. */
export interface Places {
  villages: Map<string, VillageRef>;
  towns: Map<string, string>;
}

/**
 * Where each kind of row file goes and what it must agree with: its table and natural key, the
 * villages (towns, for projects) it replaces, and the checks of one row against the database —
 * every row points at a known village (or town) whose name matches.
 */
export interface RowTarget<R> {
  /** The natural key's header, as reference problems name it. */
  keyHeader: string;
  key(record: R): string;
  /** The village (town, for projects) whose rows the import replaces. */
  scope(record: R): string;
  check(record: R, row: number, places: Places, problems: ReferenceProblems): void;
}

function knownVillage(places: Places, code: string | null, row: number, problems: ReferenceProblems): VillageRef | null {
  if (code === null) return null;
  const village = places.villages.get(code);
  if (!village) problems.add(row, '村代码', `村代码 ${code} 不在已导入的行政村中，请先导入行政村名单`);
  return village ?? null;
}

const HOUSEHOLDS: RowTarget<HouseholdRecord> = {
  keyHeader: '户编号',
  key: (h) => h.householdNo,
  scope: (h) => h.villageCode,
  check(h, row, places, problems) {
    const village = knownVillage(places, h.villageCode, row, problems);
    if (!village) return;
    if (village.name !== h.villageName) problems.add(row, '行政村', `村代码 ${h.villageCode} 对应“${village.name}”，此行写的是“${h.villageName}”`);
    if (village.townName !== h.townName) problems.add(row, '乡镇', `村代码 ${h.villageCode} 属于“${village.townName}”，此行写的是“${h.townName}”`);
  },
};

const PROJECTS: RowTarget<ProjectRecord> = {
  keyHeader: '项目编号',
  key: (p) => p.projectCode,
  scope: (p) => p.townCode,
  check(p, row, places, problems) {
    if (!places.towns.has(p.townCode)) problems.add(row, '乡镇代码', `乡镇代码 ${p.townCode} 不在已导入的乡镇中`);
    const village = knownVillage(places, p.villageCode, row, problems);
    if (village && village.townCode !== p.townCode) problems.add(row, '村代码', `村代码 ${p.villageCode} 属于乡镇 ${village.townCode}，不属于 ${p.townCode}`);
  },
};

const ASSETS: RowTarget<AssetRecord> = {
  keyHeader: '资产编号',
  key: (a) => a.assetCode,
  scope: (a) => a.villageCode,
  check: (a, row, places, problems) => void knownVillage(places, a.villageCode, row, problems),
};

const CADRES: RowTarget<CadreRecord> = {
  keyHeader: '干部编号',
  key: (c) => c.cadreNo,
  scope: (c) => c.villageCode,
  check: (c, row, places, problems) => void knownVillage(places, c.villageCode, row, problems),
};

export const ROW_TARGETS: { [K in RowKind]: RowTarget<RosterRecords[K]> } = { households: HOUSEHOLDS, projects: PROJECTS, assets: ASSETS, cadres: CADRES };

/** A villages file: each village's code lies in its town's, and a town code has one name throughout. */
export function checkVillageRows(villages: readonly VillageRow[], rows: readonly number[], problems: ReferenceProblems): void {
  villages.forEach((v, i) => {
    if (v.code.slice(0, 9) !== v.townCode.slice(0, 9)) problems.add(rows[i], '村代码', `村代码 ${v.code} 不属于乡镇代码 ${v.townCode}（前 9 位应相同）`);
  });
  const byTown = new Map<string, string>();
  villages.forEach((v, i) => {
    const seen = byTown.get(v.townCode);
    if (seen === undefined) byTown.set(v.townCode, v.townName);
    else if (seen !== v.townName) problems.add(rows[i], '乡镇', `乡镇代码 ${v.townCode} 在前面的行中名为“${seen}”，此处为“${v.townName}”`);
  });
}

/**
 * A natural key must not already belong to a row the import does not replace (another village's
 * household, another town's project). `keys`, `rows` and `scope` are the import's, in file order.
 */
export async function checkKeysElsewhere(
  tx: EntityManager,
  roster: RosterRepository,
  kind: RowKind,
  keys: readonly string[],
  rows: readonly number[],
  scope: string[],
  problems: ReferenceProblems,
): Promise<void> {
  const { keyHeader } = ROW_TARGETS[kind];
  // The usual import replaces every row of its table: then no key can be owned elsewhere.
  if (!(await roster.hasRowsOutside(tx, kind, scope))) return;
  const elsewhere = await roster.findKeysOutside(tx, kind, keys as string[], scope);
  if (!elsewhere.size) return;
  keys.forEach((key, i) => {
    const other = elsewhere.get(key);
    if (other) problems.add(rows[i], keyHeader, `${keyHeader} ${key} 已属于 ${other}，不能重复`);
  });
}
