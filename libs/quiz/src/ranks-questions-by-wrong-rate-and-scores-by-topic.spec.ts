import { describe, expect, it } from 'vitest';
import { scoreByTopic, wrongRateByQuestion } from './analysis.js';
import { gradeQuiz } from './grade-quiz.js';
import { MULTIPLE, NUMERIC_YUAN, SINGLE, TRUE_FALSE } from './quiz.fixture.js';

const QUIZ = [SINGLE, TRUE_FALSE, NUMERIC_YUAN, MULTIPLE];
// Three cadres of one village.
const RESULTS = [
  gradeQuiz(QUIZ, { Q901: 'B', Q902: true, Q903: '7000', Q906: ['A', 'C', 'D'] }),
  gradeQuiz(QUIZ, { Q901: 'A', Q902: true, Q903: '7500', Q906: ['A'] }),
  gradeQuiz([SINGLE, NUMERIC_YUAN], { Q901: 'C' }),
];

describe('wrongRateByQuestion', () => {
  it('counts attempts and wrong answers per question, worst first', () => {
    expect(wrongRateByQuestion(RESULTS)).toEqual([
      { id: 'Q901', topic: '健康帮扶', attempts: 3, wrong: 2, wrongRate: 2 / 3 },
      { id: 'Q903', topic: '监测帮扶', attempts: 3, wrong: 2, wrongRate: 2 / 3 },
      { id: 'Q906', topic: '金融帮扶', attempts: 2, wrong: 1, wrongRate: 0.5 },
      { id: 'Q902', topic: '资金项目', attempts: 2, wrong: 0, wrongRate: 0 },
    ]);
  });

  it('returns nothing for no results', () => {
    expect(wrongRateByQuestion([])).toEqual([]);
  });
});

describe('scoreByTopic', () => {
  it('splits one quiz score by policy area in the fixed topic order', () => {
    expect(scoreByTopic(RESULTS[1], QUIZ)).toEqual([
      { topic: '监测帮扶', questions: 1, score: 1, maxScore: 1, percent: 100 },
      { topic: '健康帮扶', questions: 1, score: 0, maxScore: 1, percent: 0 },
      { topic: '金融帮扶', questions: 1, score: 0.3333, maxScore: 1, percent: 33.3 },
      { topic: '资金项目', questions: 1, score: 1, maxScore: 1, percent: 100 },
    ]);
  });

  it('files a question under its topic in the bank when the bank has re-filed it', () => {
    const refiled = [{ ...SINGLE, topic: '综合保障' as const }];
    expect(scoreByTopic(RESULTS[2], refiled).map((t) => t.topic)).toEqual(['监测帮扶', '综合保障']);
  });
});
