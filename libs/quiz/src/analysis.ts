import { QUIZ_TOPICS, type QuizQuestion, type QuizResult, type QuizTopic } from './types.js';

export interface QuestionWrongRate {
  readonly id: string;
  readonly topic: QuizTopic;
  /** Times the question was put to a cadre (unanswered counts). */
  readonly attempts: number;
  /** Attempts not entirely right (partial credit on multiple choice counts as wrong). */
  readonly wrong: number;
  /** wrong / attempts, 0..1. */
  readonly wrongRate: number;
}

/**
 * 错题率: which questions the cadres get wrong most, across many quizzes — the policy points
 * that need training. Sorted by wrong rate (highest first), then by attempts (more evidence
 * first), then by id so the order is stable.
 */
export function wrongRateByQuestion(results: readonly QuizResult[]): QuestionWrongRate[] {
  const tally = new Map<string, { topic: QuizTopic; attempts: number; wrong: number }>();
  for (const result of results) {
    for (const item of result.items) {
      const entry = tally.get(item.id) ?? { topic: item.topic, attempts: 0, wrong: 0 };
      entry.attempts += 1;
      if (!item.correct) entry.wrong += 1;
      tally.set(item.id, entry);
    }
  }
  return [...tally.entries()]
    .map(([id, { topic, attempts, wrong }]) => ({ id, topic, attempts, wrong, wrongRate: wrong / attempts }))
    .sort((a, b) => b.wrongRate - a.wrongRate || b.attempts - a.attempts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface TopicScore {
  readonly topic: QuizTopic;
  readonly questions: number;
  readonly score: number;
  readonly maxScore: number;
  /** 0..100, one decimal. */
  readonly percent: number;
}

/**
 * Score of one quiz per policy area (分领域得分), in the fixed topic order. The topic is read
 * from the bank when the question is still there (the bank is authoritative if a question was
 * re-filed), otherwise from the result item.
 */
export function scoreByTopic(result: QuizResult, bank: readonly QuizQuestion[]): TopicScore[] {
  const topicOf = new Map(bank.map((q) => [q.id, q.topic] as const));
  const sums = new Map<QuizTopic, { questions: number; score: number }>();
  for (const item of result.items) {
    const topic = topicOf.get(item.id) ?? item.topic;
    const entry = sums.get(topic) ?? { questions: 0, score: 0 };
    entry.questions += 1;
    entry.score += item.score;
    sums.set(topic, entry);
  }
  return QUIZ_TOPICS.filter((topic) => sums.has(topic)).map((topic) => {
    const { questions, score } = sums.get(topic) as { questions: number; score: number };
    return {
      topic,
      questions,
      score: Math.round(score * 1e4) / 1e4,
      maxScore: questions,
      percent: Math.round((score / questions) * 1000) / 10,
    };
  });
}
