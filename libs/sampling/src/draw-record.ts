/**
 * The draw record (抽样记录): everything needed to show, replay and audit a draw. Its canonical
 * JSON (canonicalJson) is what gets stored and hashed. Schema in docs/sampling.md.
 */
import type { CadreRole } from '@lookback/contracts';
import type { SamplingSettings } from './settings.js';
import type { Stratum } from './strata.js';

export const ALGORITHM = 'lookback-stratified-sha256-tickets';
export const ALGORITHM_VERSION = '1';

/** A drawn household (抽中户). */
export interface DrawnHousehold {
  /** 户编号 */
  householdNo: string;
  stratum: Stratum;
  /** SHA-256 ticket, 64 lowercase hex digits. */
  ticket: string;
  /** π exactly, as "n_h/N_h" (not reduced). */
  inclusionProbability: string;
  /** π as a number. */
  probability: number;
}

/** A reserve household (替补户): taken in this order when a drawn household of the stratum is absent. */
export interface ReserveHousehold {
  householdNo: string;
  ticket: string;
}

export interface StratumDraw {
  stratum: Stratum;
  /** N_h */
  population: number;
  /** n_h */
  sampleSize: number;
  inclusionProbability: string;
  probability: number;
  /** The first `reservesPerStratum` households after the sample, in ticket order. */
  reserve: ReserveHousehold[];
}

/** A drawn project (项目) or asset (资产). */
export interface DrawnItem {
  /** 项目编号 or 资产编号 */
  code: string;
  ticket: string;
  inclusionProbability: string;
  probability: number;
}

export interface ItemDraw {
  /** How many were eligible (the pool size). */
  eligible: number;
  sample: DrawnItem[];
}

/** 访谈对象 */
export interface Interviewee {
  cadreNo: string;
  role: CadreRole;
  /** required: always interviewed by role; drawn: picked at random among the role. */
  basis: 'required' | 'drawn';
}

/** 知识测试对象 — the quiz engine derives the questions from quizSeed. */
export interface QuizTaker {
  cadreNo: string;
  role: CadreRole;
  /** hex SHA-256(seed ‖ 0x00 ‖ "quiz/" + 村代码 ‖ 0x00 ‖ 干部编号) */
  quizSeed: string;
  /** Filled in by the plan once the questions are drawn. */
  questionIds: string[];
}

export interface VillageDraw {
  /** 村代码 */
  villageCode: string;
  villageName: string;
  townName: string;
  /** N — households on the roster. */
  households: number;
  /** n — households drawn (must-visit included). */
  sampleSize: number;
  /** The percentile income used by the low-income rule in this village (null when off or no 脱贫户). */
  lowIncomePercentileIncome: number | null;
  /** Non-empty strata in precedence order. */
  strata: StratumDraw[];
  /** Drawn households in precedence order of their stratum, then ticket order. */
  sample: DrawnHousehold[];
  projects: ItemDraw;
  assets: ItemDraw;
  interviewees: Interviewee[];
  quiz: QuizTaker[];
}

/** Which optional inputs the draw was given. */
export interface DrawScope {
  projects: boolean;
  assets: boolean;
  cadres: boolean;
}

export interface DrawRecord {
  algorithm: string;
  algorithmVersion: string;
  /** frameHash(households): SHA-256 of the sampling frame — the fields that decide the draw (frame.ts). */
  snapshotHash: string;
  settings: SamplingSettings;
  /** commitment(seed, snapshotHash, settings, algorithmVersion), fixed before any sample is shown. */
  commitment: string;
  /** The normalised seed; null until it is revealed. */
  seed: string | null;
  scope: DrawScope;
  /** Sorted by 村代码. */
  villages: VillageDraw[];
}
