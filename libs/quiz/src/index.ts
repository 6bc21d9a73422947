export * from './types.js';
export { BANK_VERSION, QUIZ_BANK } from './bank.js';
export { validateBank } from './validate-bank.js';
export { drawQuizSet, type DrawQuizSetOptions } from './draw-quiz-set.js';
export { toFieldQuestion } from './field-question.js';
export { gradeQuiz, parseNumericAnswer } from './grade-quiz.js';
export { scoreByTopic, wrongRateByQuestion, type QuestionWrongRate, type TopicScore } from './analysis.js';
export { withholdReview, reviewIsOpen } from './review.js';
export { answerState, NUMERIC_HINT, numericAnswerProblem, questionsNotAnswered } from './answer-check.js';
