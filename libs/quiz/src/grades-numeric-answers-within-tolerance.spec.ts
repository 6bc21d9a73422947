import { describe, expect, it } from 'vitest';
import { gradeQuiz, parseNumericAnswer } from './grade-quiz.js';
import { NUMERIC_WAN, NUMERIC_WITH_TOLERANCE, NUMERIC_YUAN } from './quiz.fixture.js';
import type { QuizQuestion } from './types.js';

const grade = (question: QuizQuestion, given: string | number) => gradeQuiz([question], { [question.id]: given }).items[0];

describe('grading numeric answers', () => {
  it.each([7500, '7500', '7,500', '7，500', '7500元', '7500 元/人/年', '７５００', '７，５００元', '0.75万', ' 7500.0 '])(
    'accepts %j for 7500 元',
    (given) => {
      expect(grade(NUMERIC_YUAN, given)).toMatchObject({ correct: true, score: 1 });
    },
  );

  it.each(['7499', '7501', '75000', '七千五', '约7500', '7500-8000', '75元00', 'abc', '元', '', Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %j for 7500 元 without throwing',
    (given) => {
      expect(grade(NUMERIC_YUAN, given)).toMatchObject({ correct: false, score: 0 });
    },
  );

  it('accepts answers within the tolerance and rejects those just outside', () => {
    expect(grade(NUMERIC_WITH_TOLERANCE, '85.5%').correct).toBe(true);
    expect(grade(NUMERIC_WITH_TOLERANCE, 84.5).correct).toBe(true);
    expect(grade(NUMERIC_WITH_TOLERANCE, '85.6').correct).toBe(false);
    expect(grade(NUMERIC_WITH_TOLERANCE, 84.4).correct).toBe(false);
  });

  it('reads 万 against the unit the question asks in', () => {
    expect(grade(NUMERIC_WAN, '5').correct).toBe(true);
    expect(grade(NUMERIC_WAN, '5万').correct).toBe(true);
    expect(grade(NUMERIC_WAN, '5万元').correct).toBe(true);
    expect(grade(NUMERIC_WAN, '50000元').correct).toBe(true);
    expect(grade(NUMERIC_WAN, '50000').correct).toBe(false);
  });

  it('keeps what the cadre typed and shows the expected figure with its unit', () => {
    expect(grade(NUMERIC_YUAN, '７５００')).toMatchObject({ given: '７５００', expected: { value: 7500, tolerance: 0, unit: '元' } });
  });

  it('parses typed numbers for the phone to validate before sending', () => {
    expect(parseNumericAnswer('１２％')).toBe(12);
    expect(parseNumericAnswer('-3')).toBe(-3);
    expect(parseNumericAnswer('1,234,567')).toBe(1234567);
    expect(parseNumericAnswer('1,5')).toBeNull();
    expect(parseNumericAnswer('十五')).toBeNull();
  });
});
