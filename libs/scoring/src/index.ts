/**
 * @lookback/scoring — village and town scores (评分) with their breakdown and 90% intervals, and the
 * weekly ranking (一周一调度一排队) that shows statistical ties instead of a false precise order.
 * Formulas: libs/scoring/README.md and the doc comments of each module.
 */
export { ScoringError, type ScoringErrorCode } from './errors.js';
export { visitsFromDraw } from './from-draw.js';
export {
  inspectionFromFieldData,
  type FieldAnswer,
  type FieldStop,
  type FieldSubstitution,
  type FieldVillageDraw,
  type VillageFieldData,
} from './from-field-data.js';
export { estimateHouseholds, householdBurden } from './household-estimate.js';
export { rank, RANK_PRECISION, type PreviousEntry } from './rank.js';
export {
  COMPONENT_LABELS,
  COMPONENTS,
  DEFAULT_SCHEME,
  PROBLEM_TYPES,
  schemeFingerprint,
  SEVERITIES,
  validateScheme,
  type Component,
  type ProblemType,
  type ScoringScheme,
  type Severity,
} from './scheme.js';
export { breakdownNoteInChinese, schemeProblemsInChinese } from './scheme-problems.js';
export { scoreRound, scoreRoundSkipping, type InspectionRound, type RankingSnapshot } from './score-round.js';
export { scoreTown, scoreTowns } from './score-town.js';
export { isOverdue, scoreVillage } from './score-village.js';
export { simulateInspectionRound, type SimulationSize } from './simulate.js';
export type {
  BreakdownLine,
  Check,
  Finding,
  HouseholdEstimate,
  HouseholdVisit,
  LedgerItem,
  ProblemShare,
  Rankable,
  RankingEntry,
  StratumSize,
  TownScore,
  VillageInspection,
  VillageScore,
} from './types.js';
