import type { AssetRecord, CadreRecord, HouseholdRecord, ProjectRecord } from '@lookback/contracts';

import { numberAsText } from './cells.js';
import { ASSET_HEADERS, CADRE_HEADERS, HOUSEHOLD_HEADERS, PROJECT_HEADERS, VILLAGE_HEADERS, type VillageRow } from './tables.js';

// Writers produce exactly what the parsers read back: numbers in plain decimal, 是/否, '' for null.

const num = (n: number | null): string => (n === null ? '' : numberAsText(n));
const yesNo = (b: boolean): string => (b ? '是' : '否');

export function villagesToRows(rows: readonly VillageRow[]): string[][] {
  return [[...VILLAGE_HEADERS], ...rows.map((v) => [v.code, v.name, v.townCode, v.townName, v.villageType, num(v.lng), num(v.lat)])];
}

export function householdsToRows(records: readonly HouseholdRecord[]): string[][] {
  return [
    [...HOUSEHOLD_HEADERS],
    ...records.map((h) => [
      h.householdNo, h.headName, h.townName, h.villageName, h.villageCode, h.householdType, h.monitoringCategory ?? '',
      yesNo(h.dibao), yesNo(h.tekun), yesNo(h.severeDisability), yesNo(h.seriousIllness), yesNo(h.elderlyAlone),
      num(h.members), num(h.incomePerCapita), num(h.lng), num(h.lat),
    ]),
  ];
}

export function projectsToRows(records: readonly ProjectRecord[]): string[][] {
  return [
    [...PROJECT_HEADERS],
    ...records.map((p) => [p.projectCode, p.name, num(p.year), p.townCode, p.villageCode ?? '', p.projectType, num(p.amountWan), p.status]),
  ];
}

export function assetsToRows(records: readonly AssetRecord[]): string[][] {
  return [[...ASSET_HEADERS], ...records.map((a) => [a.assetCode, a.name, a.kind, a.villageCode, num(a.lng), num(a.lat)])];
}

export function cadresToRows(records: readonly CadreRecord[]): string[][] {
  return [[...CADRE_HEADERS], ...records.map((c) => [c.cadreNo, c.name, c.role, c.villageCode, c.phone ?? ''])];
}
