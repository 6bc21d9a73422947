/**
 * Plain-data inputs and outputs of scoring. Inputs are what the field work produced for one
 * village; outputs carry their breakdown and uncertainty so a screen can explain every point.
 */
import type { Component, ProblemType, Severity } from './scheme.js';

/** A problem found in a household (入户发现问题). */
export interface Finding {
  type: ProblemType;
  severity: Severity;
}

/** A visited household (入户调查) with the stratum it was drawn from. */
export interface HouseholdVisit {
  /** 户编号 */
  householdNo: string;
  /** The stratum of the draw (must-visit, monitored, …); a reserve counts in the stratum it replaced. */
  stratum: string;
  /** Empty when nothing was found. */
  findings: readonly Finding[];
}

/** A stratum of the village's draw: N_h households on the roster. */
export interface StratumSize {
  stratum: string;
  population: number;
}

/** One pass/fail check: a project or asset (项目资产核查), a document (查阅资料) or an interview item (干部访谈). */
export interface Check {
  code: string;
  passed: boolean;
}

/** 整改台账 item: open past its 完成时限 it is overdue. */
export interface LedgerItem {
  id: string;
  /** 完成时限, YYYY-MM-DD; null for 长期坚持 items, which are never overdue. */
  deadline: string | null;
  /** YYYY-MM-DD when 整改完成; null while open. */
  completedOn: string | null;
}

/** Everything one inspection of a village produced. Omit (or leave empty) what was not done. */
export interface VillageInspection {
  /** 村代码 */
  villageCode: string;
  /** 乡镇 code or name; used to group villages into towns. */
  townCode: string;
  /** N — households on the roster. */
  households: number;
  /** The draw's strata; their populations sum to N. */
  strata: readonly StratumSize[];
  visits: readonly HouseholdVisit[];
  /** Projects and assets checked (项目资产核查). */
  projects?: readonly Check[];
  /** Percent (0–100) of each cadre who took the quiz, as graded by @lookback/quiz. */
  quiz?: readonly { cadreNo: string; percent: number }[];
  documents?: readonly Check[];
  interviews?: readonly Check[];
  /** The village's 整改台账 as of the ranking date. */
  ledger?: { asOf: string; items: readonly LedgerItem[] };
}

export interface BreakdownLine {
  component: Component;
  /** Points out of 100 the scheme gives this component (before re-normalisation). */
  weight: number;
  /** Points it actually carries: re-normalised over the components present; 0 when missing. */
  effectiveWeight: number;
  /** 0–100; null when the component is missing. */
  value: number | null;
  /** effectiveWeight × value / 100: the points it adds to the score. */
  contribution: number;
  /** 90% interval of value (households only: the other components are censuses). */
  interval?: [number, number];
  note?: string;
}

/** HT estimate of the share of households with at least one problem of a type or severity. */
export interface ProblemShare {
  key: ProblemType | Severity;
  share: number;
}

export interface HouseholdEstimate {
  /** B̂ — estimated mean household burden (or share of 问题户 under 'indicator'). */
  meanBurden: number;
  /** v̂(B̂), finite population correction included. */
  variance: number;
  /** 90% interval of the mean burden. */
  interval: [number, number];
  visited: number;
  /** Households that had at least one finding. */
  householdsWithFindings: number;
  findings: number;
  byType: ProblemShare[];
  bySeverity: ProblemShare[];
}

export interface VillageScore {
  villageCode: string;
  townCode: string;
  households: number;
  /** 0–100. */
  score: number;
  /** 90% interval; propagates only the household sampling uncertainty. */
  interval: [number, number];
  breakdown: BreakdownLine[];
  /** null when no household was visited. */
  householdEstimate: HouseholdEstimate | null;
  schemeVersion: string;
}

export interface TownScore {
  townCode: string;
  households: number;
  score: number;
  interval: [number, number];
  villages: { villageCode: string; households: number; weight: number; score: number; contribution: number }[];
}

/** Anything that can be ranked. */
export interface Rankable {
  code: string;
  score: number;
  interval: readonly [number, number];
}

export interface RankingEntry {
  code: string;
  /** Standard competition rank ("1224"). */
  rank: number;
  score: number;
  interval: [number, number];
  previousRank: number | null;
  /** previousRank − rank: positive = moved up; null when not ranked last time. */
  change: number | null;
  /** score − previous score; null when not ranked last time. */
  scoreChange: number | null;
  /** Neighbours in the order (the one above, the one below) whose 90% intervals overlap this one's. */
  tiedWith: string[];
  /** 1-based number of the maximal chain of adjacent overlapping entries this one belongs to. */
  tieGroup: number;
}
