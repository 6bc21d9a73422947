/**
 * One round of inspections → the weekly ranking snapshot (排队): every village and town scored
 * under one scheme, ranked, compared with last week, stamped with the scheme's version and
 * fingerprint so the snapshot can be re-computed and checked later. Linear in villages + visits +
 * findings apart from the two sorts.
 */
import { ScoringError } from './errors.js';
import { rank, type PreviousEntry } from './rank.js';
import { schemeFingerprint, type ScoringScheme } from './scheme.js';
import { assertValidScheme, scoreValidated } from './score-village.js';
import { scoreTowns } from './score-town.js';
import type { RankingEntry, TownScore, VillageInspection, VillageScore } from './types.js';

export interface InspectionRound {
  /** The day the ranking is taken (YYYY-MM-DD). */
  asOf: string;
  villages: readonly VillageInspection[];
}

export interface RankingSnapshot {
  asOf: string;
  schemeVersion: string;
  /** schemeFingerprint(scheme): which scheme exactly, not just its name. */
  schemeFingerprint: string;
  villageScores: VillageScore[];
  townScores: TownScore[];
  villages: RankingEntry[];
  towns: RankingEntry[];
}

export function scoreRound(
  round: InspectionRound,
  scheme: ScoringScheme,
  previous?: { villages: readonly PreviousEntry[]; towns: readonly PreviousEntry[] },
): RankingSnapshot {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(round.asOf)) throw new ScoringError('INVALID_RANKING_INPUT', `Ranking date ${round.asOf} is not YYYY-MM-DD.`);
  assertValidScheme(scheme);
  return assemble(round.asOf, scheme, round.villages.map((v) => scoreValidated(v, scheme)), previous);
}

/**
 * Like scoreRound, but a village that cannot be scored (a stratum without a visit, an unknown
 * problem type…) is left out of the ranking and listed with the reason instead of failing the
 * whole round — what a weekly snapshot of many inspections needs. Each village is scored once.
 * scoreRound on the villages that were kept gives the same snapshot.
 */
export function scoreRoundSkipping(
  round: InspectionRound,
  scheme: ScoringScheme,
  previous?: { villages: readonly PreviousEntry[]; towns: readonly PreviousEntry[] },
): { snapshot: RankingSnapshot; kept: VillageInspection[]; refused: { villageCode: string; error: ScoringError }[] } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(round.asOf)) throw new ScoringError('INVALID_RANKING_INPUT', `Ranking date ${round.asOf} is not YYYY-MM-DD.`);
  assertValidScheme(scheme);
  const kept: VillageInspection[] = [];
  const scores: VillageScore[] = [];
  const refused: { villageCode: string; error: ScoringError }[] = [];
  for (const v of round.villages) {
    try {
      scores.push(scoreValidated(v, scheme));
      kept.push(v);
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      refused.push({ villageCode: v.villageCode, error });
    }
  }
  return { snapshot: assemble(round.asOf, scheme, scores, previous), kept, refused };
}

function assemble(
  asOf: string,
  scheme: ScoringScheme,
  villageScores: VillageScore[],
  previous?: { villages: readonly PreviousEntry[]; towns: readonly PreviousEntry[] },
): RankingSnapshot {
  const townScores = scoreTowns(villageScores);
  return {
    asOf,
    schemeVersion: scheme.version,
    schemeFingerprint: schemeFingerprint(scheme),
    villageScores,
    townScores,
    villages: rank(
      villageScores.map((v) => ({ code: v.villageCode, score: v.score, interval: v.interval })),
      previous?.villages,
    ),
    towns: rank(
      townScores.map((t) => ({ code: t.townCode, score: t.score, interval: t.interval })),
      previous?.towns,
    ),
  };
}
