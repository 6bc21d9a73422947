import { parseNumericAnswer } from './grade-quiz.js';
import type { FieldQuestion, QuizAnswer } from './types.js';

/** What a 填数字 answer is asked to look like. */
export const NUMERIC_HINT = '请填写阿拉伯数字，例如 350';

/**
 * The problem with what was typed into a 填数字 question, null when it reads as a number (or is
 * empty): “三百五十”不是数字，请填写阿拉伯数字，例如 350.
 */
export function numericAnswerProblem(text: string, unit = ''): string | null {
  if (text.trim() === '') return null;
  return parseNumericAnswer(text, unit) === null ? `“${text.trim()}”不是数字，${NUMERIC_HINT}` : null;
}

/** Answered, not answered, or answered with something that cannot be graded (a 填数字 that is no number). */
export function answerState(question: FieldQuestion, value: QuizAnswer | undefined): 'answered' | 'unanswered' | 'invalid' {
  if (value === undefined || value === null) return 'unanswered';
  if (typeof value === 'string' && value.trim() === '') return 'unanswered';
  if (Array.isArray(value) && value.length === 0) return 'unanswered';
  if (question.type === 'numeric' && typeof value === 'string' && parseNumericAnswer(value, question.unit) === null) return 'invalid';
  return 'answered';
}

/** The questions (1-based numbers) that will score nothing for want of an answer: unanswered or invalid. */
export function questionsNotAnswered(questions: readonly FieldQuestion[], answers: Readonly<Record<string, QuizAnswer | undefined>>): { unanswered: number[]; invalid: number[] } {
  const unanswered: number[] = [];
  const invalid: number[] = [];
  questions.forEach((q, i) => {
    const state = answerState(q, Object.hasOwn(answers, q.id) ? answers[q.id] : undefined);
    if (state === 'unanswered') unanswered.push(i + 1);
    if (state === 'invalid') invalid.push(i + 1);
  });
  return { unanswered, invalid };
}
