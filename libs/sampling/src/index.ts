/**
 * @lookback/sampling — who and what an inspection visits (抽样): households by stratified random
 * sampling with public SHA-256 tickets, 衔接资金 projects, project assets, interviewees and quiz
 * takers; the commitment, the draw record, its verification, and Horvitz–Thompson estimates.
 * Design and formulas: docs/sampling.md.
 */
export { allocate, type AllocationStratum } from './allocation.js';
export { canonicalJson } from './canonical-json.js';
export { commitment, COMMITMENT_TAG, seedFromRandomBytes } from './commitment.js';
export { assetPurpose, projectPurpose, REQUIRED_INTERVIEW_ROLES } from './companions.js';
export { draw, HOUSEHOLD_PURPOSE, type DrawInput } from './draw.js';
export {
  ALGORITHM,
  ALGORITHM_VERSION,
  type DrawnHousehold,
  type DrawnItem,
  type DrawRecord,
  type DrawScope,
  type Interviewee,
  type ItemDraw,
  type QuizTaker,
  type ReserveHousehold,
  type StratumDraw,
  type VillageDraw,
} from './draw-record.js';
export { SamplingError, type SamplingErrorCode } from './errors.js';
export {
  estimateProblemShare,
  estimateTotal,
  horvitzThompsonTotal,
  wilson,
  Z_90,
  type ProblemShareEstimate,
  type StratumObservation,
  type TotalEstimate,
} from './estimation.js';
export {
  DEFAULT_SAMPLING_SETTINGS,
  MIN_HOUSEHOLDS_PER_VILLAGE,
  resolveSettings,
  type SamplingSettings,
  type SamplingSettingsInput,
  type StratumSetting,
} from './settings.js';
export {
  isLowIncome,
  lowIncomePercentileIncome,
  MUST_VISIT,
  randomStratumOf,
  STRATA,
  STRATUM_LABELS,
  stratumRank,
  type LowIncomeRule,
  type RandomStratum,
  type Stratum,
} from './strata.js';
export { compareCodePoints, MIN_SEED_CHARACTERS, normaliseSeed, seedStrengthProblem } from './text.js';
export { ticket } from './tickets.js';
export { frameHash, frameLines } from './frame.js';
export { drawVillages, VILLAGE_PURPOSE, type VillageCandidate } from './villages.js';
export { type CompanionPart, firstDifference, verify, type VerifyInputs, type VerifyResult } from './verify.js';
