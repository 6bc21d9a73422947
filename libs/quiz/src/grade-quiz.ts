import type {
  ExpectedAnswer,
  MultipleChoiceQuestion,
  NumericQuestion,
  QuestionResult,
  QuizAnswer,
  QuizQuestion,
  QuizResult,
} from './types.js';

/**
 * Grades a quiz on the spot (现场评分). Each question is worth one point.
 *
 * - single (单选): right only when the given option id is exactly the answer ('B').
 * - truefalse (判断): right only when the given value is exactly the boolean answer; the text
 *   "true" is not a boolean and scores 0.
 * - numeric (数字填空): right when |given − value| ≤ tolerance. The cadre types on a phone, so a
 *   string is read leniently: full-width digits (７５００), thousands separators (7,500 / 7，500)
 *   and a trailing unit (7500元, 85%) are accepted; 万 is understood against the question's unit
 *   (0.75万 is 7500 for a question in 元; 5万 and 5 are both 5 for a question in 万元). Anything
 *   else ("七千五", "7500-8000", "约7500", "8月30日" for a blank that asks only the day) is a
 *   wrong answer, never an exception.
 * - multiple (多选): choosing any wrong option scores 0; otherwise the score is the share of the
 *   correct options chosen (2 of 3 → 0.667). `correct` only when exactly the correct set is
 *   chosen. Repeated ids count once.
 * - Unanswered (undefined, null, '' or an empty selection) scores 0.
 * - Answers for question ids that are not in `questions` are ignored.
 *
 * Totals: `score` is the sum of item scores (rounded to 4 decimals to hide float noise),
 * `maxScore` the number of questions, `percent` = score / maxScore × 100 to one decimal.
 */
export function gradeQuiz(
  questions: readonly QuizQuestion[],
  answers: Readonly<Record<string, QuizAnswer | undefined>>,
): QuizResult {
  const items = questions.map((q) => gradeQuestion(q, Object.hasOwn(answers, q.id) ? answers[q.id] : undefined));
  const sum = items.reduce((total, item) => total + item.score, 0);
  const maxScore = questions.length;
  return {
    items,
    score: round(sum, 4),
    maxScore,
    percent: maxScore === 0 ? 0 : round((sum / maxScore) * 100, 1),
  };
}

function gradeQuestion(q: QuizQuestion, given: QuizAnswer | undefined): QuestionResult {
  const answered = isAnswered(given);
  const score = answered ? scoreOf(q, given) : 0;
  return {
    id: q.id,
    topic: q.topic,
    type: q.type,
    correct: score === 1,
    score,
    given: answered ? given : null,
    expected: q.answer as ExpectedAnswer,
    explanation: q.explanation,
  };
}

function isAnswered(given: QuizAnswer | null | undefined): given is QuizAnswer {
  if (given === undefined || given === null) return false;
  if (typeof given === 'string') return given.trim() !== '';
  if (Array.isArray(given)) return given.length > 0;
  return true;
}

function scoreOf(q: QuizQuestion, given: QuizAnswer): number {
  switch (q.type) {
    case 'single':
      return given === q.answer ? 1 : 0;
    case 'truefalse':
      return given === q.answer ? 1 : 0;
    case 'numeric':
      return scoreNumeric(q, given);
    case 'multiple':
      return scoreMultiple(q, given);
    default:
      return 0;
  }
}

function scoreNumeric(q: NumericQuestion, given: QuizAnswer): number {
  const value =
    typeof given === 'number' ? given : typeof given === 'string' ? parseNumericAnswer(given, q.answer.unit) : null;
  if (value === null || !Number.isFinite(value)) return 0;
  // The epsilon keeps 0.1 + 0.2 style float error from failing an answer at the tolerance edge.
  return Math.abs(value - q.answer.value) <= q.answer.tolerance + 1e-9 ? 1 : 0;
}

function scoreMultiple(q: MultipleChoiceQuestion, given: QuizAnswer): number {
  if (!Array.isArray(given)) return 0;
  const chosen = new Set<string>(given);
  const correct = new Set<string>(q.answer);
  for (const option of chosen) if (!correct.has(option)) return 0;
  return chosen.size / correct.size;
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0B\uFF0D]/g;

/**
 * Reads a number typed by a cadre, expressed in `unit` (the question's unit); null when the text
 * is not a number. Exported so the phone can warn at once that "七千五" will not be understood.
 */
export function parseNumericAnswer(text: string, unit = ''): number | null {
  const normalised = text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .replace(/[，,](?=\d{3}(\D|$))/g, '');
  const match = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))(.*)$/.exec(normalised);
  if (!match) return null;
  const [, digits, suffix] = match;
  // What follows the number may be a unit, but not another number ("7500-8000", "75元00").
  if (/\d/.test(suffix)) return null;
  const value = Number(digits);
  const askedInWan = unit.startsWith('万');
  if (suffix.startsWith('万') && !askedInWan) return value * 10_000;
  if (suffix.startsWith('元') && askedInWan) return value / 10_000;
  return value;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
