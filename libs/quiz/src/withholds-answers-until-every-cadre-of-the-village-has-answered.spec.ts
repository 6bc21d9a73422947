import { describe, expect, it } from 'vitest';
import { gradeQuiz } from './grade-quiz.js';
import { MULTIPLE, NUMERIC_YUAN, SINGLE, TRUE_FALSE } from './quiz.fixture.js';
import { reviewIsOpen, withholdReview } from './review.js';

describe('withholdReview', () => {
  const questions = [SINGLE, TRUE_FALSE, NUMERIC_YUAN, MULTIPLE];
  const full = gradeQuiz(questions, { [SINGLE.id]: SINGLE.answer, [TRUE_FALSE.id]: !TRUE_FALSE.answer, [NUMERIC_YUAN.id]: '七千五' });

  it('keeps the score and drops every per-question line: no answer, no explanation, not even right or wrong', () => {
    const withheld = withholdReview(full);
    expect(withheld).toEqual({ items: [], score: full.score, maxScore: 4, percent: full.percent, withheld: true });
    const wire = JSON.stringify(withheld);
    for (const q of questions) expect(wire).not.toContain(q.explanation);
    expect(wire).not.toMatch(/"expected"|"explanation"|"correct"|7500/);
  });
});

describe('reviewIsOpen', () => {
  const takers = ['C1', 'C2', 'C3'];

  it('stays closed while any quiz taker of the village has not submitted', () => {
    expect(reviewIsOpen(takers, [], false)).toBe(false);
    expect(reviewIsOpen(takers, ['C1'], false)).toBe(false);
    expect(reviewIsOpen(takers, ['C1', 'C3', 'X9'], false)).toBe(false);
  });

  it('opens once every taker has submitted, or the day is signed off', () => {
    expect(reviewIsOpen(takers, ['C3', 'C2', 'C1'], false)).toBe(true);
    expect(reviewIsOpen(takers, ['C1'], true)).toBe(true);
  });
});
