/**
 * The weekly 排队: rank, score, change since last week, and where the order is not to be trusted.
 *
 * Order: score descending, then code ascending (by code point) so equal scores list the same way
 * every time. Scores equal to 6 decimals (RANK_PRECISION) count as equal, so summation noise in the
 * 15th digit cannot split a tie. Ranks are standard competition ranks ("1224"): equal scores share
 * a rank and the next rank skips.
 *
 * Statistical ties (统计上并列): two entries overlap when their closed 90% intervals share a point
 * (lo_a ≤ hi_b and lo_b ≤ hi_a). tiedWith lists the entry's neighbours in the order — the one just
 * above and the one just below — that overlap it; a tie group is a maximal run of consecutive
 * entries each overlapping the next, numbered 1, 2, … from the top. A lone entry has its own group.
 * Only neighbours are listed, to keep the ranking linear in the number of entries: two entries
 * further apart may still overlap, which their intervals show.
 *
 * change = last week's rank − this week's rank: +2 means moved up two places; null when the entry
 * was not ranked last week.
 */
import { compareCodePoints } from '@lookback/sampling';
import { ScoringError } from './errors.js';
import type { Rankable, RankingEntry } from './types.js';

export const RANK_PRECISION = 1e-6;

export interface PreviousEntry {
  code: string;
  rank: number;
  score: number;
}

export function rank(scores: readonly Rankable[], previous?: readonly PreviousEntry[]): RankingEntry[] {
  const seen = new Set<string>();
  for (const s of scores) {
    if (seen.has(s.code)) throw new ScoringError('INVALID_RANKING_INPUT', `${s.code} is ranked twice.`);
    seen.add(s.code);
    const [lo, hi] = s.interval;
    if (!(Number.isFinite(s.score) && Number.isFinite(lo) && Number.isFinite(hi) && lo <= s.score && s.score <= hi)) {
      throw new ScoringError('INVALID_RANKING_INPUT', `${s.code} has score ${s.score} outside its interval [${lo}, ${hi}].`);
    }
  }
  const last = new Map<string, PreviousEntry>();
  for (const p of previous ?? []) last.set(p.code, p);

  const keyed = scores.map((s) => ({ s, key: Math.round(s.score / RANK_PRECISION) }));
  keyed.sort((a, b) => b.key - a.key || compareCodePoints(a.s.code, b.s.code));

  const entries: RankingEntry[] = [];
  let group = 0;
  keyed.forEach(({ s, key }, i) => {
    const above = i > 0 ? keyed[i - 1] : undefined;
    const rankHere = above !== undefined && above.key === key ? entries[i - 1].rank : i + 1;
    const overlapsAbove = above !== undefined && overlaps(above.s, s);
    if (!overlapsAbove) group += 1;
    const p = last.get(s.code);
    entries.push({
      code: s.code,
      rank: rankHere,
      score: s.score,
      interval: [s.interval[0], s.interval[1]],
      previousRank: p ? p.rank : null,
      change: p ? p.rank - rankHere : null,
      scoreChange: p ? s.score - p.score : null,
      tiedWith: overlapsAbove ? [above.s.code] : [],
      tieGroup: group,
    });
    if (overlapsAbove) entries[i - 1].tiedWith.push(s.code);
  });
  return entries;
}

function overlaps(a: Rankable, b: Rankable): boolean {
  return a.interval[0] <= b.interval[1] && b.interval[0] <= a.interval[1];
}
