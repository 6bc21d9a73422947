import { describe, expect, it } from 'vitest';
import { gradeQuiz } from './grade-quiz.js';
import { MULTIPLE, NUMERIC_YUAN, SINGLE, TRUE_FALSE } from './quiz.fixture.js';

const QUIZ = [SINGLE, TRUE_FALSE, NUMERIC_YUAN, MULTIPLE];

describe('gradeQuiz totals', () => {
  it('sums item scores and gives the percentage to one decimal', () => {
    const result = gradeQuiz(QUIZ, { Q901: 'B', Q902: false, Q903: '7,500元', Q906: ['A', 'C'] });
    expect(result.items.map((i) => i.score)).toEqual([1, 0, 1, 2 / 3]);
    expect(result.score).toBe(2.6667);
    expect(result.maxScore).toBe(4);
    expect(result.percent).toBe(66.7);
  });

  it('scores unanswered questions zero and reports them as not given', () => {
    const result = gradeQuiz(QUIZ, { Q901: '', Q906: [] });
    expect(result.items.map((i) => [i.id, i.score, i.given])).toEqual([
      ['Q901', 0, null],
      ['Q902', 0, null],
      ['Q903', 0, null],
      ['Q906', 0, null],
    ]);
    expect(result.percent).toBe(0);
  });

  it('ignores answers to questions that were not in the quiz', () => {
    const result = gradeQuiz([SINGLE], { Q901: 'B', Q999: 'A', toString: 'B' });
    expect(result.items).toHaveLength(1);
    expect(result).toMatchObject({ score: 1, maxScore: 1, percent: 100 });
  });

  it('does not read inherited properties as answers', () => {
    const viaPrototype = Object.create({ Q901: 'B' }) as Record<string, string>;
    expect(gradeQuiz([SINGLE], viaPrototype).score).toBe(0);
  });

  it('gives 0 percent for an empty quiz instead of dividing by zero', () => {
    expect(gradeQuiz([], {})).toEqual({ items: [], score: 0, maxScore: 0, percent: 0 });
  });
});
