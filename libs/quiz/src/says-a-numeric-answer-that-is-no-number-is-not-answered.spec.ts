import { describe, expect, it } from 'vitest';
import { answerState, numericAnswerProblem, questionsNotAnswered } from './answer-check.js';
import { toFieldQuestion } from './field-question.js';
import { NUMERIC_YUAN, SINGLE, TRUE_FALSE } from './quiz.fixture.js';

describe('numericAnswerProblem', () => {
  it('asks for digits when the text is no number', () => {
    expect(numericAnswerProblem('三百五十', '元')).toBe('“三百五十”不是数字，请填写阿拉伯数字，例如 350');
    expect(numericAnswerProblem(' 约7500 ', '元')).toBe('“约7500”不是数字，请填写阿拉伯数字，例如 350');
  });

  it('takes what grading reads as a number, and an empty field', () => {
    for (const text of ['350', '７５００', '7,500元', '0.75万', '']) expect(numericAnswerProblem(text, '元'), text).toBeNull();
  });
});

describe('questionsNotAnswered', () => {
  const questions = [SINGLE, NUMERIC_YUAN, TRUE_FALSE].map(toFieldQuestion);

  it('counts a 填数字 that is no number as not answered, apart from the blank ones', () => {
    expect(questionsNotAnswered(questions, { [SINGLE.id]: 'A', [NUMERIC_YUAN.id]: '三百五十' })).toEqual({ unanswered: [3], invalid: [2] });
    expect(questionsNotAnswered(questions, { [SINGLE.id]: 'A', [NUMERIC_YUAN.id]: '7500', [TRUE_FALSE.id]: false })).toEqual({ unanswered: [], invalid: [] });
  });

  it('treats blanks, spaces and empty selections as unanswered, false as an answer', () => {
    const numeric = toFieldQuestion(NUMERIC_YUAN);
    expect(answerState(numeric, '  ')).toBe('unanswered');
    expect(answerState(numeric, 350)).toBe('answered');
    expect(answerState(toFieldQuestion(TRUE_FALSE), false)).toBe('answered');
    expect(answerState(toFieldQuestion(SINGLE), [])).toBe('unanswered');
  });
});
