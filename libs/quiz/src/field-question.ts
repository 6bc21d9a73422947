import type { FieldQuestion, QuizQuestion } from './types.js';

/**
 * The question as sent to the phone before grading (答题前下发): built field by field from an
 * allow-list, so that nothing added to QuizQuestion later (answer, explanation, source...) can
 * reach the field by accident through a spread.
 */
export function toFieldQuestion(q: QuizQuestion): FieldQuestion {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return {
        id: q.id,
        topic: q.topic,
        type: q.type,
        stem: q.stem,
        options: q.options.map((option) => ({ id: option.id, text: option.text })),
      };
    case 'truefalse':
      return { id: q.id, topic: q.topic, type: q.type, stem: q.stem };
    case 'numeric':
      return { id: q.id, topic: q.topic, type: q.type, stem: q.stem, unit: q.answer.unit };
    default:
      return assertNever(q);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown question type: ${JSON.stringify(value)}`);
}
