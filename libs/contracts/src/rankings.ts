/**
 * DTOs of the scoring schemes, weekly rankings (排队), quiz analysis and the leaders' dashboard
 * (apps/api/src/rankings). Scores are 0–100; intervals are 90 %.
 */

/** GET /api/scoring-schemes (newest first); the first is the current one. */
export interface ScoringSchemeDto {
  id: string;
  version: string;
  /** The ScoringScheme of @lookback/scoring, as saved. */
  body: Record<string, unknown>;
  fingerprint: string;
  note: string;
  createdBy: string | null;
  createdAt: string;
  current: boolean;
}

/** GET /api/rankings/weeks — one per ISO week, the latest snapshot of the week. */
export interface RankingWeekDto {
  period: string;
  snapshotId: string;
  asOf: string;
  kind: 'scheduled' | 'on-demand';
  createdAt: string;
  /** Snapshots taken that week (on-demand ones included); the latest is shown. */
  snapshots: number;
  schemeVersion: string;
}

export interface RankingRowDto {
  rank: number;
  code: string;
  name: string;
  townCode: string;
  townName: string;
  households: number;
  score: number;
  interval: [number, number];
  /** Neighbours in the order whose 90 % intervals overlap this one (统计上并列). */
  tiedWith: string[];
  tieGroup: number;
  previousRank: number | null;
  /** previousRank − rank: positive = moved up (▲). */
  change: number | null;
  scoreChange: number | null;
}

export interface RankingSnapshotInfoDto {
  snapshotId: string;
  period: string;
  asOf: string;
  kind: 'scheduled' | 'on-demand';
  createdAt: string;
  schemeVersion: string;
  schemeFingerprint: string;
  /** The week "change" compares with. */
  previousPeriod: string | null;
}

/** GET /api/rankings?level=village|town&week=latest|YYYY-Www */
export interface RankingTableDto extends RankingSnapshotInfoDto {
  level: 'village' | 'town';
  rows: RankingRowDto[];
  /** Villages inspected but not scorable (e.g. a stratum with no visit), with the reason. */
  excluded: { code: string; name: string; reason: string }[];
}

export interface BreakdownLineDto {
  component: string;
  label: string;
  weight: number;
  effectiveWeight: number;
  value: number | null;
  contribution: number;
  interval?: [number, number];
  note?: string;
}

export interface ShareDto {
  key: string;
  share: number;
}

export interface RankingFindingDto {
  stopKind: string;
  stopCode: string;
  /** Household head, masked (张*三); null for non-household stops. */
  householdHead: string | null;
  itemId: string;
  problemType: string;
  severity: string;
  description: string;
}

export interface RankingLedgerItemDto {
  id: string;
  seq: number;
  problemType: string;
  description: string;
  deadline: string | null;
  status: string;
  completedOn: string | null;
  overdue: boolean;
  responsibleUnit: string;
}

/** GET /api/rankings/villages/:code?week=… */
export interface VillageRankingDto extends RankingSnapshotInfoDto {
  entry: RankingRowDto;
  breakdown: BreakdownLineDto[];
  householdEstimate: {
    meanBurden: number;
    interval: [number, number];
    visited: number;
    householdsWithFindings: number;
    findings: number;
    byType: ShareDto[];
    bySeverity: ShareDto[];
  } | null;
  source: { planId: string; planName: string; completedAt: string };
  findings: RankingFindingDto[];
  ledgerItems: RankingLedgerItemDto[];
}

/** GET /api/rankings/towns/:code?week=… */
export interface TownRankingDto extends RankingSnapshotInfoDto {
  entry: RankingRowDto;
  villages: { code: string; name: string; households: number; weight: number; score: number; contribution: number; rank: number | null; interval: [number, number] | null }[];
}

/** POST /api/rankings/snapshot */
export interface SnapshotResultDto extends RankingSnapshotInfoDto {
  villages: number;
  towns: number;
  excluded: number;
}

/** GET /api/rankings/snapshots/:id/rescore?scheme=VERSION — the stored inputs scored again. */
export interface RescoreDto {
  snapshotId: string;
  schemeVersion: string;
  schemeFingerprint: string;
  villages: { code: string; rank: number; score: number; interval: [number, number]; tieGroup: number }[];
  towns: { code: string; rank: number; score: number; interval: [number, number]; tieGroup: number }[];
}

/** GET /api/quiz-analysis[?planId=] */
export interface QuizAnalysisDto {
  plans: { id: string; name: string }[];
  cadres: number;
  questions: { id: string; topic: string; stem: string; attempts: number; wrong: number; wrongRate: number }[];
}

/** GET /api/dashboard */
export interface DashboardDto {
  period: string | null;
  trend: { period: string; averageScore: number; villages: number }[];
  problemsByType: { problemType: string; findings: number }[];
  ledger: { total: number; closed: number; closureRate: number | null; overdue: number; asOf: string };
  villages: { code: string; name: string; townName: string; lat: number; lng: number; score: number; rank: number }[];
}
