/**
 * Town scores (乡镇得分) from their villages, weighted by households so a town is scored as its
 * households experience it rather than by counting villages.
 *
 *   score_T = Σ_v (H_v/H_T) · score_v,   H_T = Σ_v H_v
 *   Villages are sampled independently, so the variance of the weighted sum is the weighted sum of
 *   variances. Each village's half-widths (score − lo, hi − score) stand for z·se on that side; the
 *   town's are combined per side in quadrature:
 *   down_T = √Σ_v (H_v/H_T · down_v)²,  up_T = √Σ_v (H_v/H_T · up_v)²
 *   — a town of one village keeps that village's interval exactly.
 */
import { compareCodePoints } from '@lookback/sampling';
import { ScoringError } from './errors.js';
import type { TownScore, VillageScore } from './types.js';

type Households = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export function scoreTown(townCode: string, villageScores: readonly VillageScore[], householdsPerVillage: Households): TownScore {
  if (villageScores.length === 0) throw new ScoringError('INVALID_RANKING_INPUT', `Town ${townCode} has no scored village.`);
  const lookup = (code: string): number | undefined =>
    householdsPerVillage instanceof Map ? householdsPerVillage.get(code) : (householdsPerVillage as Readonly<Record<string, number>>)[code];
  let total = 0;
  const weights: number[] = [];
  for (const v of villageScores) {
    const h = lookup(v.villageCode);
    if (h === undefined || !(Number.isFinite(h) && h > 0)) {
      throw new ScoringError('INVALID_RANKING_INPUT', `Village ${v.villageCode} of town ${townCode} has no household count.`);
    }
    weights.push(h);
    total += h;
  }
  let score = 0;
  let down2 = 0;
  let up2 = 0;
  const villages: TownScore['villages'] = [];
  villageScores.forEach((v, i) => {
    const w = weights[i] / total;
    const contribution = w * v.score;
    score += contribution;
    down2 += (w * (v.score - v.interval[0])) ** 2;
    up2 += (w * (v.interval[1] - v.score)) ** 2;
    villages.push({ villageCode: v.villageCode, households: weights[i], weight: w, score: v.score, contribution });
  });
  return {
    townCode,
    households: total,
    score,
    interval: [Math.max(0, score - Math.sqrt(down2)), Math.min(100, score + Math.sqrt(up2))],
    villages,
  };
}

/** Every town of the round, by the town code and household count each village score carries; sorted by town code. */
export function scoreTowns(villageScores: readonly VillageScore[]): TownScore[] {
  const byTown = new Map<string, VillageScore[]>();
  const households = new Map<string, number>();
  for (const v of villageScores) {
    let list = byTown.get(v.townCode);
    if (!list) byTown.set(v.townCode, (list = []));
    list.push(v);
    households.set(v.villageCode, v.households);
  }
  return [...byTown.keys()].sort(compareCodePoints).map((t) => scoreTown(t, byTown.get(t)!, households));
}
