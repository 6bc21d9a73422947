import { describe, expect, it } from 'vitest';
import { QUIZ_BANK, BANK_VERSION } from './bank.js';
import { QUIZ_TOPICS, SOURCE_DOCUMENT_NAMES, type QuestionType } from './types.js';
import { validateBank } from './validate-bank.js';

/** The five files in /work/shared/seeds, written out here so the test does not read the disk. */
const SEED_FILES = [
  '000_9747f57ddc405200.txt',
  '001_924fda636b28dc67.txt',
  '002_1866b73e25412075.txt',
  '003_b3e9917e46eeff3e.txt',
  '004_105d08d24de30aff.txt',
];

describe('the quiz bank', () => {
  it('has no problems that validateBank can find', () => {
    expect(validateBank(QUIZ_BANK)).toEqual([]);
  });

  it('holds at least 160 questions and carries a version', () => {
    expect(QUIZ_BANK.length).toBeGreaterThanOrEqual(160);
    expect(BANK_VERSION).toMatch(/\S/);
  });

  it('covers at least 8 topics with at least 8 questions each', () => {
    const counts = new Map<string, number>();
    for (const q of QUIZ_BANK) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
    const wellCovered = [...counts.values()].filter((n) => n >= 8);
    expect(wellCovered.length).toBeGreaterThanOrEqual(8);
    for (const topic of counts.keys()) expect(QUIZ_TOPICS).toContain(topic);
  });

  it('cites only the five source documents', () => {
    expect([...SOURCE_DOCUMENT_NAMES].sort()).toEqual(SEED_FILES);
    for (const q of QUIZ_BANK) expect(SEED_FILES, q.id).toContain(q.source.document);
  });

  it('mixes question types roughly 45/20/20/15', () => {
    const share = (type: QuestionType) => QUIZ_BANK.filter((q) => q.type === type).length / QUIZ_BANK.length;
    expect(share('single')).toBeGreaterThanOrEqual(0.38);
    expect(share('single')).toBeLessThanOrEqual(0.52);
    expect(share('multiple')).toBeGreaterThanOrEqual(0.15);
    expect(share('multiple')).toBeLessThanOrEqual(0.25);
    expect(share('truefalse')).toBeGreaterThanOrEqual(0.15);
    expect(share('truefalse')).toBeLessThanOrEqual(0.25);
    expect(share('numeric')).toBeGreaterThanOrEqual(0.1);
    expect(share('numeric')).toBeLessThanOrEqual(0.2);
  });

  it('does not let a cadre score by always picking the same letter or always answering true', () => {
    const singles = QUIZ_BANK.flatMap((q) => (q.type === 'single' ? [q.answer] : []));
    for (const letter of ['A', 'B', 'C', 'D']) {
      const share = singles.filter((a) => a === letter).length / singles.length;
      expect(share, `single answers at ${letter}`).toBeGreaterThan(0.15);
      expect(share, `single answers at ${letter}`).toBeLessThan(0.35);
    }
    const trueFalse = QUIZ_BANK.flatMap((q) => (q.type === 'truefalse' ? [q.answer] : []));
    const trueShare = trueFalse.filter(Boolean).length / trueFalse.length;
    expect(trueShare).toBeGreaterThan(0.35);
    expect(trueShare).toBeLessThan(0.65);
    // A wrong option always in the last place would be a giveaway too.
    const multiples = QUIZ_BANK.flatMap((q) => (q.type === 'multiple' ? [q] : []));
    const lastIsWrong = multiples.filter((q) => !q.answer.includes(q.options[q.options.length - 1].id)).length;
    expect(lastIsWrong / multiples.length).toBeLessThan(0.6);
  });

  it('quotes the expected figure in the explanation of every numeric question', () => {
    for (const q of QUIZ_BANK) {
      if (q.type === 'numeric') expect(q.explanation, q.id).toContain(String(q.answer.value));
    }
  });

  it('lists ids in ascending order, so a new question is appended and never takes an old id', () => {
    const numbers = QUIZ_BANK.map((q) => Number(q.id.slice(1)));
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
  });
});
