import { describe, expect, it } from 'vitest';
import { gradeQuiz } from './grade-quiz.js';
import { SINGLE, TRUE_FALSE } from './quiz.fixture.js';
import type { QuizQuestion } from './types.js';

const scoreOf = (answer: unknown, question: QuizQuestion = SINGLE) =>
  gradeQuiz([question], { [question.id]: answer as never }).items[0];

describe('grading single choice and true/false', () => {
  it('gives the point only for the exact option', () => {
    expect(scoreOf('B')).toMatchObject({ correct: true, score: 1, given: 'B', expected: 'B' });
    expect(scoreOf('A')).toMatchObject({ correct: false, score: 0, given: 'A', expected: 'B' });
    expect(scoreOf(['B'])).toMatchObject({ correct: false, score: 0 });
  });

  it('gives the point only for the exact boolean', () => {
    expect(scoreOf(true, TRUE_FALSE)).toMatchObject({ correct: true, score: 1 });
    expect(scoreOf(false, TRUE_FALSE)).toMatchObject({ correct: false, score: 0 });
    expect(scoreOf('true', TRUE_FALSE)).toMatchObject({ correct: false, score: 0 });
    expect(scoreOf(1, TRUE_FALSE)).toMatchObject({ correct: false, score: 0 });
  });

  it('returns the explanation and type with every item, for the review after grading', () => {
    expect(scoreOf('A')).toMatchObject({ id: 'Q901', topic: '健康帮扶', type: 'single', explanation: '由参保地所属政府解决。' });
  });
});
