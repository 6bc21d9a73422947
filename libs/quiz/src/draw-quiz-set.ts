import seedrandom from 'seedrandom';
import type { QuizQuestion } from './types.js';

export interface DrawQuizSetOptions {
  /** Same seed, same set: the draw can be replayed when a result is disputed. */
  readonly seed: string;
  /** Number of questions; 10 unless told. A size above the bank size gives the whole bank. */
  readonly size?: number;
}

/**
 * Draws a quiz set (抽题) without replacement, balanced across topics: topics are shuffled, the
 * questions within each topic are shuffled, then questions are taken one per topic in turn
 * (round-robin), skipping topics that have run out. A 10-question set from 8 or more topics
 * therefore never holds more than two questions of one topic.
 */
export function drawQuizSet(bank: readonly QuizQuestion[], options: DrawQuizSetOptions): QuizQuestion[] {
  const size = options.size ?? 10;
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`quiz set size must be a whole number ≥ 0, got ${size}`);
  const random = seedrandom(options.seed);

  // Group in a canonical order (topic name, then id) so the draw depends on the seed and the
  // bank's content only, not on the order the bank happens to be listed in.
  const byTopic = new Map<string, QuizQuestion[]>();
  for (const q of [...bank].sort((a, b) => compare(a.id, b.id))) {
    const list = byTopic.get(q.topic) ?? [];
    list.push(q);
    byTopic.set(q.topic, list);
  }
  const queues = shuffle([...byTopic.keys()].sort(compare), random).map((topic) => shuffle(byTopic.get(topic) ?? [], random));

  const drawn: QuizQuestion[] = [];
  const target = Math.min(size, bank.length);
  while (drawn.length < target) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next) drawn.push(next);
      if (drawn.length === target) break;
    }
  }
  return drawn;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fisher–Yates on a copy. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
