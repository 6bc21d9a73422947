import { describe, expect, it } from 'vitest';
import { QUIZ_BANK } from './bank.js';
import { toFieldQuestion } from './field-question.js';
import { MULTIPLE, NUMERIC_YUAN } from './quiz.fixture.js';
import type { QuizQuestion } from './types.js';

const FORBIDDEN = ['answer', 'explanation', 'source', 'value', 'tolerance'];

/** Every key at any depth of a JSON-like value. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...allKeys(inner)]);
  }
  return [];
}

describe('toFieldQuestion', () => {
  it.each(QUIZ_BANK.map((q) => [q.id, q] as const))('%s reaches the phone without answer or explanation', (_, q) => {
    const field = toFieldQuestion(q);
    const keys = allKeys(field);
    for (const name of FORBIDDEN) expect(keys).not.toContain(name);
    const wire = JSON.stringify(field);
    expect(wire).not.toContain(q.explanation);
    expect(field.stem).toBe(q.stem);
  });

  it('keeps what the cadre needs to answer: options for choice questions, the unit for numeric ones', () => {
    expect(toFieldQuestion(MULTIPLE)).toEqual({
      id: MULTIPLE.id,
      topic: MULTIPLE.topic,
      type: 'multiple',
      stem: MULTIPLE.stem,
      options: MULTIPLE.options,
    });
    expect(toFieldQuestion(NUMERIC_YUAN)).toEqual({ id: 'Q903', topic: '监测帮扶', type: 'numeric', stem: NUMERIC_YUAN.stem, unit: '元' });
    expect(JSON.stringify(toFieldQuestion(NUMERIC_YUAN))).not.toContain('7500');
  });

  it('does not pass on fields added to a question later, even answer-like ones hidden in options', () => {
    const tampered: QuizQuestion = Object.assign(
      { ...MULTIPLE, options: MULTIPLE.options.map((o) => ({ ...o, correct: true, answer: true })) },
      { correctIds: ['A', 'C', 'D'] },
    );
    const keys = allKeys(toFieldQuestion(tampered));
    expect(keys).not.toContain('correctIds');
    expect(keys).not.toContain('correct');
    expect(keys).not.toContain('answer');
  });

  it('returns copies, so the phone payload cannot alter the bank', () => {
    const field = toFieldQuestion(MULTIPLE);
    if (field.type !== 'multiple') throw new Error('expected a multiple-choice field question');
    (field.options[0] as { text: string }).text = 'changed';
    expect(MULTIPLE.options[0].text).toBe('免抵押');
  });
});
