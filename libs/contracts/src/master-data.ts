/**
 * Master data as it is imported (the roster): plain records keyed by natural keys.
 * These are the shapes every layer agrees on — import parser, database, draw, web.
 * No database ids appear here: draws and hashes use natural keys only.
 */

/** 户类型 — household type. */
export const HOUSEHOLD_TYPES = ['脱贫户', '监测户', '一般农户'] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

/** 监测对象类别 — monitoring category; null when the household is not monitored. */
export const MONITORING_CATEGORIES = ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'] as const;
export type MonitoringCategory = (typeof MONITORING_CATEGORIES)[number];

/** 村类型 — village type. */
export const VILLAGE_TYPES = ['脱贫村', '一般村'] as const;
export type VillageType = (typeof VILLAGE_TYPES)[number];

/** One household row of the roster (农户花名册). */
export interface HouseholdRecord {
  /** 户编号 — the stable natural key. */
  householdNo: string;
  /** 户主姓名 */
  headName: string;
  /** 乡镇 (name, as written in the file) */
  townName: string;
  /** 行政村 (name, as written in the file) */
  villageName: string;
  /** 村代码 — 12-digit official code of the village. */
  villageCode: string;
  /** 户类型 */
  householdType: HouseholdType;
  /** 监测对象类别 (null = none) */
  monitoringCategory: MonitoringCategory | null;
  /** 是否低保户 */
  dibao: boolean;
  /** 是否特困户 */
  tekun: boolean;
  /** 是否重度残疾 */
  severeDisability: boolean;
  /** 是否大病重病 */
  seriousIllness: boolean;
  /** 是否独居高龄老人 */
  elderlyAlone: boolean;
  /** 家庭人口数 */
  members: number;
  /** 人均纯收入 (元/年) */
  incomePerCapita: number;
  /** 经度 (WGS84), null when unknown */
  lng: number | null;
  /** 纬度 (WGS84), null when unknown */
  lat: number | null;
}

/** 项目性质 for a project asset. */
export const ASSET_KINDS = ['经营性', '公益性'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** A 衔接资金 funded project (e.g. 2023). */
export interface ProjectRecord {
  /** 项目编号 — natural key */
  projectCode: string;
  /** 项目名称 */
  name: string;
  /** 年度 */
  year: number;
  /** 乡镇代码 (12 digits) */
  townCode: string;
  /** 村代码 (12 digits), null for a town-level project */
  villageCode: string | null;
  /** 项目类型 (产业发展, 基础设施, 就业帮扶, ...) */
  projectType: string;
  /** 资金规模 (万元) */
  amountWan: number;
  /** 项目状态 (未开工, 在建, 已完工, ...) */
  status: string;
}

/** 扶贫(衔接)项目资产 — a project asset. */
export interface AssetRecord {
  /** 资产编号 — natural key */
  assetCode: string;
  /** 资产名称 */
  name: string;
  /** 经营性/公益性 */
  kind: AssetKind;
  /** 村代码 (12 digits) */
  villageCode: string;
  lng: number | null;
  lat: number | null;
}

/** 干部角色 */
export const CADRE_ROLES = ['第一书记', '驻村工作队员', '村党支部书记', '村两委成员', '乡村振兴专干', '网格员', '帮扶责任人'] as const;
export type CadreRole = (typeof CADRE_ROLES)[number];

export interface CadreRecord {
  /** 干部编号 — natural key */
  cadreNo: string;
  name: string;
  role: CadreRole;
  /** 村代码 (12 digits) */
  villageCode: string;
  phone: string | null;
}

/** Region hierarchy: county (县/区) → town (乡镇/街道) → village (行政村/社区). */
export interface TownRecord {
  code: string; // 12 digits
  name: string;
}
export interface VillageRecord {
  code: string; // 12 digits
  name: string;
  townCode: string;
  villageType: VillageType;
  lng: number;
  lat: number;
}
export interface CountyRecord {
  code: string; // 12 digits
  name: string;
}

/** One problem in an imported file; row is 1-based as a spreadsheet shows it (header = row 1). */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}
