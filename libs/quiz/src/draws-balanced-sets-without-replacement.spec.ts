import { describe, expect, it } from 'vitest';
import { QUIZ_BANK } from './bank.js';
import { drawQuizSet } from './draw-quiz-set.js';
import { syntheticBank } from './quiz.fixture.js';
import { QUIZ_TOPICS } from './types.js';

const countByTopic = (questions: readonly { topic: string }[]) => {
  const counts = new Map<string, number>();
  for (const q of questions) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
  return counts;
};

describe('drawQuizSet', () => {
  // 8 topics, unevenly filled: one topic has a single question, one has many.
  const eightTopics = syntheticBank(QUIZ_TOPICS.slice(0, 8), [1, 3, 5, 8, 8, 12, 20, 30]);

  it('never puts more than two questions of one topic in a 10-question set from 8 topics', () => {
    for (let i = 0; i < 200; i++) {
      const set = drawQuizSet(eightTopics, { seed: `village-${i}` });
      expect(set).toHaveLength(10);
      expect(Math.max(...countByTopic(set).values())).toBeLessThanOrEqual(2);
      expect(countByTopic(set).size).toBe(8);
    }
  });

  it('never draws the same question twice', () => {
    for (let i = 0; i < 50; i++) {
      const set = drawQuizSet(eightTopics, { seed: `s${i}`, size: 40 });
      expect(new Set(set.map((q) => q.id)).size).toBe(40);
    }
  });

  it('draws ten different topics from the real bank', () => {
    const set = drawQuizSet(QUIZ_BANK, { seed: '2023-09-14 蒿沟镇 张庄村' });
    expect(set).toHaveLength(10);
    expect(countByTopic(set).size).toBe(10);
  });

  it('keeps round-robin balance for larger sets: topic counts differ by at most one while topics last', () => {
    const set = drawQuizSet(QUIZ_BANK, { seed: 'big', size: 42 });
    const counts = [...countByTopic(set).values()];
    expect(counts).toHaveLength(QUIZ_TOPICS.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('returns the whole bank when asked for more questions than it holds', () => {
    const set = drawQuizSet(eightTopics, { seed: 'all', size: 1000 });
    expect(set.map((q) => q.id).sort()).toEqual(eightTopics.map((q) => q.id).sort());
  });

  it('returns an empty set for size 0 and refuses a nonsensical size', () => {
    expect(drawQuizSet(eightTopics, { seed: 'x', size: 0 })).toEqual([]);
    expect(() => drawQuizSet(eightTopics, { seed: 'x', size: -1 })).toThrow(RangeError);
    expect(() => drawQuizSet(eightTopics, { seed: 'x', size: 2.5 })).toThrow(RangeError);
  });
});
