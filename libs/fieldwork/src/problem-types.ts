/**
 * 问题类型 and 问题严重程度 are shared with scoring: a finding recorded in the field is weighed by
 * exactly these labels, so they are re-exported from @lookback/scoring, never copied.
 */
export { PROBLEM_TYPES, SEVERITIES, type ProblemType, type Severity } from '@lookback/scoring';
