import { describe, expect, it } from 'vitest';
import { MULTIPLE, NUMERIC_YUAN, SINGLE, TRUE_FALSE } from './quiz.fixture.js';
import type { QuizQuestion } from './types.js';
import { validateBank } from './validate-bank.js';

/** Builds a deliberately broken question; the cast is the point of the test. */
const broken = (q: QuizQuestion, patch: Record<string, unknown>) => ({ ...q, ...patch }) as unknown as QuizQuestion;

describe('validateBank', () => {
  it('accepts well-formed questions of every type', () => {
    expect(validateBank([SINGLE, TRUE_FALSE, NUMERIC_YUAN, MULTIPLE])).toEqual([]);
  });

  it.each([
    ['a duplicate id', [SINGLE, broken(TRUE_FALSE, { id: SINGLE.id })], /Q901: duplicate id/],
    ['a single answer that is not among the options', [broken(SINGLE, { answer: 'E' })], /answer "E" is not among the options/],
    ['a multiple choice with one correct option', [broken(MULTIPLE, { answer: ['A'] })], /at least 2 correct options/],
    ['a multiple choice whose every option is correct', [broken(MULTIPLE, { answer: ['A', 'B', 'C', 'D', 'E'] })], /every option is correct/],
    ['a numeric answer without tolerance', [broken(NUMERIC_YUAN, { answer: { value: 7500, unit: '元' } })], /needs a tolerance/],
    ['a numeric answer without unit', [broken(NUMERIC_YUAN, { answer: { value: 7500, tolerance: 0, unit: '' } })], /needs a unit/],
    ['a numeric stem that prints its answer', [broken(NUMERIC_YUAN, { stem: '以7500元为参考，填写____元。' })], /gives away the answer/],
    ['a missing source', [broken(SINGLE, { source: undefined })], /missing source/],
    ['a source that is not one of the five documents', [broken(SINGLE, { source: { document: 'other.txt', section: '一' } })], /not one of the five/],
    ['an unknown topic', [broken(SINGLE, { topic: '招商引资' })], /unknown topic/],
    ['options out of order', [broken(SINGLE, { options: [...SINGLE.options].reverse() })], /must have id A/],
    ['too few options', [broken(SINGLE, { options: SINGLE.options.slice(0, 3) })], /needs 4–5 options/],
    ['a true/false answer that is not a boolean', [broken(TRUE_FALSE, { answer: 'true' })], /must be a boolean/],
    ['a missing explanation', [broken(TRUE_FALSE, { explanation: ' ' })], /missing explanation/],
    ['a malformed id', [broken(TRUE_FALSE, { id: 'x1' })], /id must look like Q001/],
  ])('reports %s', (_, questions, problem) => {
    const problems = validateBank(questions);
    expect(problems.some((p) => problem.test(p)), problems.join('\n')).toBe(true);
  });
});
