/**
 * @lookback/fieldwork — what inspectors record in the field (入户调查, 项目资产核查, 查阅资料,
 * 干部访谈): checklist templates as data, answers and findings, offline sync merge, substitution
 * of absent households by the draw's reserves, village completeness, position flags, photo
 * metadata and the 萧县 household ledger layout. Pure functions over plain data. See README.md.
 */
export { FieldworkError, type FieldworkErrorCode } from './errors.js';
export { PROBLEM_TYPES, SEVERITIES, type ProblemType, type Severity } from './problem-types.js';
export {
  ANSWER_LABELS,
  ANSWER_VALUES,
  TEMPLATE_KINDS,
  templateItem,
  validateTemplate,
  type AnswerValue,
  type ChecklistItem,
  type ChecklistTemplate,
  type TemplateKind,
} from './template.js';
export {
  ASSET_CHECK,
  CADRE_INTERVIEW,
  DEFAULT_TEMPLATES,
  DOCUMENT_REVIEW,
  FANGCHENG_HOUSEHOLD,
  FANGCHENG_VILLAGE,
  PROJECT_CHECK,
  XIANGCHENG_72,
} from './templates/index.js';
export { TEMPLATE_SHEET_HEADERS, templateFromRows, templateToRows, type TemplateImport } from './template-sheet.js';
export {
  findings,
  STOP_STATUS_LABELS,
  STOP_STATUSES,
  UNVISITED_STATUSES,
  validateStopRecord,
  type FieldStamp,
  type ItemAnswer,
  type Problem,
  type RecordedPosition,
  type StopKind,
  type StopRecord,
  type StopStatus,
  type UnvisitedStatus,
} from './record.js';
export { HOUSEHOLD_FIGURE_KEYS, type HouseholdFigures, type XiaoLedgerFigures } from './figures.js';
export { XIAO_LEDGER_GROUPS, XIAO_LEDGER_HEADERS, xiaoLedgerRow, type XiaoLedgerCell, type XiaoLedgerVisit } from './xiao-ledger.js';
export {
  duplicateStops,
  mergeStopRecords,
  type AnswerConflict,
  type Conflict,
  type DuplicateStop,
  type FieldConflict,
  type FieldValue,
  type MergeResult,
} from './merge.js';
export { describeSubstitution, nextReserve, stratumOfHousehold, validateSubstitution, type Substitution } from './substitution.js';
export { villageProgress, villageStops, type ExpectedStop, type VillageProgress, type VillageStopOptions } from './progress.js';
export {
  DEFAULT_FAR_METERS,
  DEFAULT_POOR_ACCURACY_METERS,
  POSITION_FLAG_LABELS,
  positionFlags,
  type PositionFlag,
  type PositionThresholds,
} from './position.js';
export { MAX_PHOTO_BYTES, validatePhotoMeta, type PhotoMeta } from './photo.js';
export type { ConflictRowDto, FieldPacketDto, FieldProgressDto, SyncResultDto } from './api-dto.js';
export { isUuid } from './checks.js';
