import {
  ASSET_KINDS,
  type AssetRecord,
  CADRE_ROLES,
  type CadreRecord,
  HOUSEHOLD_TYPES,
  type HouseholdRecord,
  MONITORING_CATEGORIES,
  type ProjectRecord,
  VILLAGE_TYPES,
  type VillageType,
} from '@lookback/contracts';

import {
  LAT_RULE,
  hasRequiredHeaders,
  LNG_RULE,
  type NumberRule,
  type ParseResult,
  parseTable,
  type RowReader,
  TableParser,
  quote,
  readOptionalPoint,
  type TableSpec,
} from './table-parser.js';

/**
 * One row of the villages file (行政村名录). Unlike `VillageRecord` it carries the town's name,
 * because the file is also where towns (乡镇) come from.
 */
export interface VillageRow {
  /** 村代码 (12 digits) — natural key */
  code: string;
  /** 行政村 */
  name: string;
  /** 乡镇代码 (12 digits) */
  townCode: string;
  /** 乡镇 */
  townName: string;
  /** 村类型 */
  villageType: VillageType;
  /** 经度 (WGS84) */
  lng: number;
  /** 纬度 (WGS84) */
  lat: number;
}

// Template headers, in the order the writers put them.
export const VILLAGE_HEADERS = ['村代码', '行政村', '乡镇代码', '乡镇', '村类型', '经度', '纬度'] as const;
export const HOUSEHOLD_HEADERS = [
  '户编号', '户主姓名', '乡镇', '行政村', '村代码', '户类型', '监测对象类别',
  '是否低保户', '是否特困户', '是否重度残疾', '是否大病重病', '是否独居高龄老人',
  '家庭人口数', '人均纯收入', '经度', '纬度',
] as const;
export const PROJECT_HEADERS = ['项目编号', '项目名称', '年度', '乡镇代码', '村代码', '项目类型', '资金规模（万元）', '项目状态'] as const;
export const ASSET_HEADERS = ['资产编号', '资产名称', '资产类型', '村代码', '经度', '纬度'] as const;
export const CADRE_HEADERS = ['干部编号', '姓名', '职务', '村代码', '联系电话'] as const;

const LNG_ALIASES = ['lng', 'lon', 'longitude'];
const LAT_ALIASES = ['lat', 'latitude'];

const MEMBERS_RULE: NumberRule = { min: 1, max: 50, integer: true, maxDecimals: 0, rangeText: '应为 1 到 50 之间的整数' };
const INCOME_RULE: NumberRule = { min: 0, max: 100_000_000, maxDecimals: 2, rangeText: '应为 0 到 100000000 之间的金额（元/年）' };
const YEAR_RULE: NumberRule = { min: 2000, max: 2100, integer: true, maxDecimals: 0, rangeText: '应为 2000 到 2100 之间的年份，如 2023' };
const AMOUNT_WAN_RULE: NumberRule = { min: 0, max: 10_000_000, maxDecimals: 4, rangeText: '应为 0 到 10000000 之间的金额（万元）' };

// ----- 行政村名录 -----

type VillageKey = 'code' | 'name' | 'townCode' | 'townName' | 'villageType' | 'lng' | 'lat';
const VILLAGE_SPEC: TableSpec<VillageKey> = {
  keyColumn: 'code',
  codeKey: true,
  columns: [
    { key: 'code', header: '村代码', aliases: ['village_code', 'code'] },
    { key: 'name', header: '行政村', aliases: ['village', 'village_name', 'name', '村名称'] },
    { key: 'townCode', header: '乡镇代码', aliases: ['town_code'] },
    { key: 'townName', header: '乡镇', aliases: ['town', 'town_name', '乡镇名称'] },
    { key: 'villageType', header: '村类型', aliases: ['village_type', 'type'] },
    { key: 'lng', header: '经度', aliases: LNG_ALIASES },
    { key: 'lat', header: '纬度', aliases: LAT_ALIASES },
  ],
};

/** Parses the villages file (行政村名录): every column required, coordinates included. */
export function parseVillageTable(table: readonly (readonly string[])[]): ParseResult<VillageRow> {
  return parseTable(table, VILLAGE_SPEC, buildVillage);
}

function buildVillage(r: RowReader<VillageKey>): VillageRow | undefined {
  const code = r.code('code');
  const name = r.required('name');
  const townCode = r.code('townCode');
  const townName = r.required('townName');
  const villageType = r.choice('villageType', VILLAGE_TYPES);
  const lng = r.number('lng', LNG_RULE);
  const lat = r.number('lat', LAT_RULE);
  if (!r.ok) return undefined;
  return { code: code!, name: name!, townCode: townCode!, townName: townName!, villageType: villageType!, lng: lng!, lat: lat! };
}

// ----- 农户花名册 -----

type HouseholdKey =
  | 'householdNo' | 'headName' | 'townName' | 'villageName' | 'villageCode' | 'householdType' | 'monitoringCategory'
  | 'dibao' | 'tekun' | 'severeDisability' | 'seriousIllness' | 'elderlyAlone' | 'members' | 'incomePerCapita' | 'lng' | 'lat';
const HOUSEHOLD_SPEC: TableSpec<HouseholdKey> = {
  keyColumn: 'householdNo',
  columns: [
    { key: 'householdNo', header: '户编号', aliases: ['household_no', 'household_code'] },
    { key: 'headName', header: '户主姓名', aliases: ['head_name', '户主'] },
    { key: 'townName', header: '乡镇', aliases: ['town', 'town_name'] },
    { key: 'villageName', header: '行政村', aliases: ['village', 'village_name'] },
    { key: 'villageCode', header: '村代码', aliases: ['village_code'] },
    { key: 'householdType', header: '户类型', aliases: ['household_type'] },
    { key: 'monitoringCategory', header: '监测对象类别', aliases: ['monitoring_category'] },
    { key: 'dibao', header: '是否低保户', aliases: ['dibao'] },
    { key: 'tekun', header: '是否特困户', aliases: ['tekun'] },
    { key: 'severeDisability', header: '是否重度残疾', aliases: ['severe_disability'] },
    { key: 'seriousIllness', header: '是否大病重病', aliases: ['serious_illness'] },
    { key: 'elderlyAlone', header: '是否独居高龄老人', aliases: ['elderly_alone'] },
    { key: 'members', header: '家庭人口数', aliases: ['members'] },
    { key: 'incomePerCapita', header: '人均纯收入', aliases: ['income_per_capita'] },
    { key: 'lng', header: '经度', aliases: LNG_ALIASES, optional: true },
    { key: 'lat', header: '纬度', aliases: LAT_ALIASES, optional: true },
  ],
};

/**
 * Parses the household roster (农户花名册). 户类型 and 监测对象类别 must agree: a 监测户 has a
 * category; a 一般农户 has none (a monitored ordinary household is recorded as 监测户).
 */
export function parseHouseholdTable(table: readonly (readonly string[])[]): ParseResult<HouseholdRecord> {
  return parseTable(table, HOUSEHOLD_SPEC, buildHousehold);
}

function buildHousehold(r: RowReader<HouseholdKey>): HouseholdRecord | undefined {
  const householdNo = r.key('householdNo');
  const headName = r.required('headName');
  const townName = r.required('townName');
  const villageName = r.required('villageName');
  const villageCode = r.code('villageCode');
  const householdType = r.choice('householdType', HOUSEHOLD_TYPES);
  const monitoringCategory = r.optionalChoice('monitoringCategory', MONITORING_CATEGORIES);
  const dibao = r.yesNo('dibao');
  const tekun = r.yesNo('tekun');
  const severeDisability = r.yesNo('severeDisability');
  const seriousIllness = r.yesNo('seriousIllness');
  const elderlyAlone = r.yesNo('elderlyAlone');
  const members = r.number('members', MEMBERS_RULE);
  const incomePerCapita = r.number('incomePerCapita', INCOME_RULE);
  const point = readOptionalPoint(r, 'lng', 'lat');
  if (householdType === '监测户' && monitoringCategory === null) {
    r.fail('monitoringCategory', `户类型为“监测户”，必须填写监测对象类别（${MONITORING_CATEGORIES.join('、')}）`);
  } else if (householdType === '一般农户' && monitoringCategory) {
    r.fail('monitoringCategory', `户类型为“一般农户”，不应填写监测对象类别（填写了 ${quote(monitoringCategory)}）；属于监测对象的，户类型应为“监测户”`);
  }
  if (!r.ok) return undefined;
  return {
    householdNo: householdNo!, headName: headName!, townName: townName!, villageName: villageName!, villageCode: villageCode!,
    householdType: householdType!, monitoringCategory: monitoringCategory ?? null,
    dibao: dibao!, tekun: tekun!, severeDisability: severeDisability!, seriousIllness: seriousIllness!, elderlyAlone: elderlyAlone!,
    members: members!, incomePerCapita: incomePerCapita!, lng: point!.lng, lat: point!.lat,
  };
}

// ----- 衔接资金项目 -----

type ProjectKey = 'projectCode' | 'name' | 'year' | 'townCode' | 'villageCode' | 'projectType' | 'amountWan' | 'status';
const PROJECT_SPEC: TableSpec<ProjectKey> = {
  keyColumn: 'projectCode',
  columns: [
    { key: 'projectCode', header: '项目编号', aliases: ['project_code', 'project_no'] },
    { key: 'name', header: '项目名称', aliases: ['project_name', 'name'] },
    { key: 'year', header: '年度', aliases: ['year'] },
    { key: 'townCode', header: '乡镇代码', aliases: ['town_code'] },
    { key: 'villageCode', header: '村代码', aliases: ['village_code'] },
    { key: 'projectType', header: '项目类型', aliases: ['project_type', 'type'] },
    { key: 'amountWan', header: '资金规模（万元）', aliases: ['资金规模', 'amount_wan', 'amount'] },
    { key: 'status', header: '项目状态', aliases: ['status', 'project_status'] },
  ],
};

/** Parses the projects file (衔接资金项目库). An empty 村代码 means a town-level project. */
export function parseProjectTable(table: readonly (readonly string[])[]): ParseResult<ProjectRecord> {
  return parseTable(table, PROJECT_SPEC, buildProject);
}

function buildProject(r: RowReader<ProjectKey>): ProjectRecord | undefined {
  const projectCode = r.key('projectCode');
  const name = r.required('name');
  const year = r.number('year', YEAR_RULE);
  const townCode = r.code('townCode');
  const villageCode = r.optionalCode('villageCode');
  const projectType = r.required('projectType');
  const amountWan = r.number('amountWan', AMOUNT_WAN_RULE);
  const status = r.required('status');
  if (!r.ok) return undefined;
  return {
    projectCode: projectCode!, name: name!, year: year!, townCode: townCode!, villageCode: villageCode ?? null,
    projectType: projectType!, amountWan: amountWan!, status: status!,
  };
}

// ----- 项目资产 -----

type AssetKey = 'assetCode' | 'name' | 'kind' | 'villageCode' | 'lng' | 'lat';
const ASSET_SPEC: TableSpec<AssetKey> = {
  keyColumn: 'assetCode',
  columns: [
    { key: 'assetCode', header: '资产编号', aliases: ['asset_code', 'asset_no'] },
    { key: 'name', header: '资产名称', aliases: ['asset_name', 'name'] },
    { key: 'kind', header: '资产类型', aliases: ['asset_kind', 'kind', 'asset_type'] },
    { key: 'villageCode', header: '村代码', aliases: ['village_code'] },
    { key: 'lng', header: '经度', aliases: LNG_ALIASES, optional: true },
    { key: 'lat', header: '纬度', aliases: LAT_ALIASES, optional: true },
  ],
};

/** Parses the project assets file (扶贫项目资产台账). Coordinates are optional, as a pair. */
export function parseAssetTable(table: readonly (readonly string[])[]): ParseResult<AssetRecord> {
  return parseTable(table, ASSET_SPEC, buildAsset);
}

function buildAsset(r: RowReader<AssetKey>): AssetRecord | undefined {
  const assetCode = r.key('assetCode');
  const name = r.required('name');
  const kind = r.choice('kind', ASSET_KINDS);
  const villageCode = r.code('villageCode');
  const point = readOptionalPoint(r, 'lng', 'lat');
  if (!r.ok) return undefined;
  return { assetCode: assetCode!, name: name!, kind: kind!, villageCode: villageCode!, lng: point!.lng, lat: point!.lat };
}

// ----- 干部名单 -----

type CadreKey = 'cadreNo' | 'name' | 'role' | 'villageCode' | 'phone';
const CADRE_SPEC: TableSpec<CadreKey> = {
  keyColumn: 'cadreNo',
  columns: [
    { key: 'cadreNo', header: '干部编号', aliases: ['cadre_no', 'cadre_code'] },
    { key: 'name', header: '姓名', aliases: ['name'] },
    { key: 'role', header: '职务', aliases: ['role'] },
    { key: 'villageCode', header: '村代码', aliases: ['village_code'] },
    { key: 'phone', header: '联系电话', aliases: ['phone', '电话', '手机号'], optional: true },
  ],
};

/** 11-digit mobile, or a landline: area code with or without dash, optional extension, or a local number. */
const MOBILE = /^1\d{10}$/;
const LANDLINE = /^(?:0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?$/;

/** Parses the cadres file (干部名单): who may be interviewed or quizzed in a village. */
export function parseCadreTable(table: readonly (readonly string[])[]): ParseResult<CadreRecord> {
  return parseTable(table, CADRE_SPEC, buildCadre);
}

function buildCadre(r: RowReader<CadreKey>): CadreRecord | undefined {
  const cadreNo = r.key('cadreNo');
  const name = r.required('name');
  const role = r.choice('role', CADRE_ROLES);
  const villageCode = r.code('villageCode');
  let phone = r.optional('phone');
  if (phone && !MOBILE.test(phone) && !LANDLINE.test(phone)) {
    phone = r.fail('phone', `${quote(phone)} 不是有效的电话号码，应为 11 位手机号或固定电话（如 0377-12345678），没有可留空`);
  }
  if (!r.ok) return undefined;
  return { cadreNo: cadreNo!, name: name!, role: role!, villageCode: villageCode!, phone: phone ?? null };
}

/** The records each roster file holds. */
export interface RosterRecords {
  villages: VillageRow;
  households: HouseholdRecord;
  projects: ProjectRecord;
  assets: AssetRecord;
  cadres: CadreRecord;
}

/** A kind of roster file: its columns, and a row-at-a-time parser of it. */
function table<K extends string, T>(spec: TableSpec<K>, build: (r: RowReader<K>) => T | undefined) {
  return { spec: spec as unknown as TableSpec<string>, parser: (sheet?: string) => new TableParser(spec, build, sheet) as unknown as TableParser<string, T> };
}

const TABLES: { [P in keyof RosterRecords]: ReturnType<typeof table<string, RosterRecords[P]>> } = {
  villages: table(VILLAGE_SPEC, buildVillage),
  households: table(HOUSEHOLD_SPEC, buildHousehold),
  projects: table(PROJECT_SPEC, buildProject),
  assets: table(ASSET_SPEC, buildAsset),
  cadres: table(CADRE_SPEC, buildCadre),
};

/**
 * A row-at-a-time parser for one kind of roster file (see `TableParser`): the same rules and
 * messages as the parse…Table functions, for an importer that validates rows as it reads them.
 * `sheet` is the worksheet the rows come from when the workbook has several (`TableRows.sheet`).
 */
export function rosterTableParser<K extends keyof RosterRecords>(kind: K, sheet?: string): TableParser<string, RosterRecords[K]> {
  return TABLES[kind].parser(sheet) as TableParser<string, RosterRecords[K]>;
}

/** Whether a row holds every required column of a kind of roster file: how its worksheet is told from a workbook's others. */
export function isRosterHeader(kind: keyof RosterRecords, cells: readonly string[]): boolean {
  return hasRequiredHeaders(TABLES[kind].spec, cells);
}
