import type { QuizResult } from './types.js';

/**
 * The result without its review (逐题对错、正确答案、解析): only the total score. Shown to — and
 * sent to the phone of — a village whose other cadres may still answer the same questions. Even
 * per-question right/wrong is left out: a wrong 判断 gives its answer away.
 */
export function withholdReview(result: QuizResult): QuizResult {
  return { items: [], score: result.score, maxScore: result.maxScore, percent: result.percent, withheld: true };
}

/**
 * Whether a quiz of a village may be reviewed question by question (正确答案、解析): only once every
 * quiz taker of the village has submitted (their sets overlap), or the day is signed off (no one
 * can answer any more).
 */
export function reviewIsOpen(villageTakers: readonly string[], submitted: Iterable<string>, signedOff: boolean): boolean {
  if (signedOff) return true;
  const done = new Set(submitted);
  return villageTakers.every((cadreNo) => done.has(cadreNo));
}
