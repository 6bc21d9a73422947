/**
 * Response and request shapes of the HTTP API (/api/...), shared by the API and the web app.
 */
import type { HouseholdType, ImportProblem, MonitoringCategory, VillageType } from './master-data.js';

/** Structured error body of every failed request. */
export interface ApiErrorBody {
  statusCode: number;
  /** Stable machine-readable code, e.g. IMPORT_INVALID, NOT_FOUND, VALIDATION_FAILED. */
  code: string;
  /** Human-readable message in Simplified Chinese. */
  message: string;
  /** Import problems (row/column/reason) or validation details, when there are any. */
  problems?: ImportProblem[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Counts of households by category (a household may count in several). */
export interface HouseholdCounts {
  total: number;
  /** 脱贫户 */
  tuopin: number;
  /** 监测户 (监测对象) */
  monitored: number;
  /** 一般农户 */
  ordinary: number;
  dibao: number;
  tekun: number;
  severeDisability: number;
  seriousIllness: number;
  elderlyAlone: number;
}

export interface CountyDto {
  code: string;
  name: string;
}

/** GET /api/towns */
export interface TownDto {
  code: string;
  name: string;
  villageCount: number;
  counts: HouseholdCounts;
}

/** GET /api/villages?town=CODE */
export interface VillageDto {
  code: string;
  name: string;
  townCode: string;
  townName: string;
  villageType: VillageType;
  lng: number;
  lat: number;
  counts: HouseholdCounts;
}

/** GET /api/villages/:code/households?page=1&pageSize=50 (names and phones masked unless allowed). */
export interface HouseholdDto {
  householdNo: string;
  headName: string;
  householdType: HouseholdType;
  monitoringCategory: MonitoringCategory | null;
  dibao: boolean;
  tekun: boolean;
  severeDisability: boolean;
  seriousIllness: boolean;
  elderlyAlone: boolean;
  members: number;
  incomePerCapita: number;
  lng: number | null;
  lat: number | null;
}

/** GET /api/projects?year=2023&town=CODE&village=CODE */
export interface ProjectDto {
  projectCode: string;
  name: string;
  year: number;
  townCode: string;
  villageCode: string | null;
  projectType: string;
  amountWan: number;
  status: string;
}

/** GET /api/assets?village=CODE */
export interface AssetDto {
  assetCode: string;
  name: string;
  kind: string;
  villageCode: string;
  lng: number | null;
  lat: number | null;
}

/** GET /api/cadres?village=CODE (phones masked) */
export interface CadreDto {
  cadreNo: string;
  name: string;
  role: string;
  villageCode: string;
  phone: string | null;
}

/** What an import file holds. */
export const IMPORT_KINDS = ['villages', 'households', 'projects', 'assets', 'cadres'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** GET /api/snapshots — immutable roster snapshots, newest first. */
export interface SnapshotDto {
  id: string;
  /** SHA-256 (hex) of the canonical serialisation of the whole roster at that moment. */
  contentHash: string;
  createdAt: string;
  /** What import produced it. */
  kind: ImportKind;
  fileName: string;
  counts: { villages: number; households: number; projects: number; assets: number; cadres: number };
}

/**
 * POST /api/imports/:kind (multipart field "file") starts an import job and answers 202 with the job;
 * GET /api/imports/:id reports its progress. A failed job carries every problem found and changed nothing.
 */
export interface ImportJobDto {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: 'queued' | 'parsing' | 'validating' | 'loading' | 'done' | 'failed';
  /** 0..1 */
  progress: number;
  rowsTotal: number | null;
  rowsLoaded: number;
  problems: ImportProblem[];
  /** Set when done: the snapshot the import created. */
  snapshot: SnapshotDto | null;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** GET /api/health */
export interface HealthDto {
  status: 'ok' | 'degraded';
  database: { ok: boolean; latencyMs: number | null; embedded: boolean };
  version: string;
}

/** GET /api/overview — the county at a glance for the home screen. */
export interface OverviewDto {
  county: CountyDto | null;
  towns: number;
  villages: number;
  counts: HouseholdCounts;
  projects: number;
  assets: number;
  cadres: number;
  latestSnapshot: SnapshotDto | null;
}

/** Roles (角色). */
export const ROLES = ['admin', 'planner', 'inspector', 'leader', 'rectifier'] as const;
export type Role = (typeof ROLES)[number];

/** POST /api/auth/login → { token, expiresAt, user }; GET /api/auth/me → SessionUserDto */
export interface SessionUserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  /** null: the whole county; else 12-digit town codes. */
  scopeTowns: string[] | null;
  fullExport: boolean;
}

/** GET /api/users (admin) */
export interface UserDto extends SessionUserDto {
  disabled: boolean;
  createdAt: string;
}

/** GET /api/access-log (admin, planner) */
export interface AccessLogEntryDto {
  id: string;
  at: string;
  username: string;
  role: string;
  action: string;
  targetType: string;
  targetId: string | null;
  address: string | null;
  detail: unknown;
  /** Set when the target and detail (a plan, its day, a planned village) are withheld from this reader. */
  redacted?: true;
}

export type PlanStatus = 'draft' | 'sealed' | 'revealed' | 'completed';
export type VillageSelection = { kind: 'list'; villages: string[] } | { kind: 'per-town'; perTown: number; towns: string[] | null };

/**
 * GET /api/plans → PlanDto[]; POST /api/plans, GET /api/plans/:id, POST /api/plans/:id/redraw →
 * { plan: PlanDto; draw: DrawRecord (see @lookback/sampling) }; POST /api/plans/:id/seal|reveal|complete → PlanDto.
 */
export interface PlanDto {
  id: string;
  name: string;
  status: PlanStatus;
  snapshotId: string;
  /** SHA-256 of the households the plan was drawn from (the draw record's snapshotHash). */
  rosterHash: string | null;
  /** Published before any sample is shown: SHA-256 over seed, roster hash, settings, algorithm version. */
  commitment: string;
  /** Only once revealed. */
  seed: string | null;
  selection: VillageSelection;
  villageCodes: string[];
  townCodes: string[];
  households: number | null;
  redraws: number;
  quizBankVersion: string;
  createdAt: string;
  sealedAt: string | null;
  revealedAt: string | null;
  completedAt: string | null;
}

/** GET/POST /api/plans/:id/teams — an inspection team (督查组). */
export interface TeamDto {
  id: string;
  name: string;
  startLabel: string;
  startLat: number;
  startLng: number;
  /** Towns the members come from: the team never inspects them (回避). */
  homeTowns: string[];
  members: { id: string; username: string; displayName: string }[];
  /** 本组组长 (责任组长): the member (id) who signs the team's days off and reopens them. */
  leaderId: string | null;
}

/** GET/PUT /api/plans/:id/schedule — which team visits which village on which day (YYYY-MM-DD). */
export interface VisitDto {
  villageCode: string;
  teamId: string;
  visitDate: string;
}

/** A stop inside a village: a drawn household, a project or an asset. */
export interface RouteItemDto {
  kind: 'household' | 'project' | 'asset';
  /** 户编号 / 项目编号 / 资产编号 */
  code: string;
  /** Household: the head's name (masked unless the caller is the assigned inspector in the visit window); project/asset: its name. */
  label: string;
  /** Household: stratum label (e.g. 监测对象); project/asset: its type. */
  detail: string;
  lat: number;
  lng: number;
  /** True when the point is the village centroid because the item has no coordinates. */
  approximate: boolean;
  legMeters: number;
}

export interface RouteVillageDto {
  seq: number;
  villageCode: string;
  villageName: string;
  townName: string;
  lat: number;
  lng: number;
  /** From the previous village (or the start). */
  legMeters: number;
  items: RouteItemDto[];
}

/** GET /api/plans/:id/routes (planner) and GET /api/my/days/:planId/:date (inspector). */
export interface DayRouteDto {
  planId: string;
  planName: string;
  commitment: string;
  team: TeamDto;
  visitDate: string;
  start: { label: string; lat: number; lng: number };
  villages: RouteVillageDto[];
  /** Start → villages → back to the start, metres (great-circle). */
  totalMeters: number;
}

/** GET /api/my/days (inspector): the team-days of the caller's teams. */
export interface MyDayDto {
  planId: string;
  planName: string;
  teamId: string;
  teamName: string;
  visitDate: string;
  villages: number;
  /** When the day's route becomes visible (06:00 on the visit day, Asia/Shanghai, by default). */
  opensAt: string;
  /**
   * When the route and the day's packet (unmasked names) stop being served: midnight after the
   * visit day plus LOOKBACK_VISIT_READABLE_DAYS - 1 days. Records, photos and quizzes recorded on
   * the phone are still taken after it.
   */
  closesAt: string;
  /** Between opensAt and closesAt. */
  open: boolean;
}
