/**
 * Allocation of a village's random sample over its strata. Deterministic and exact: weights,
 * sizes and minimums are integers, every quota is a fraction with an integer numerator and
 * denominator, and all comparisons are between integers, so an auditor gets the same result in
 * any language.
 *
 * Target: n_h = clamp(λ·w_h·N_h, m_h, N_h) with λ chosen so the n_h sum to n (water-filling),
 * then rounded by largest remainder. See docs/sampling.md, "Allocation".
 */
import { SamplingError } from './errors.js';

export interface AllocationStratum {
  /** N_h — households in the stratum. */
  population: number;
  /** w_h — relative sampling rate, positive integer. */
  weight: number;
  /** Requested minimum before capping. */
  minimum: number;
}

/**
 * n_h per stratum (same order as given, which must be the precedence order) summing to n.
 * Requires 0 ≤ n ≤ Σ N_h.
 */
export function allocate(strata: readonly AllocationStratum[], n: number): number[] {
  const total = strata.reduce((sum, s) => sum + s.population, 0);
  if (!Number.isInteger(n) || n < 0 || n > total) {
    throw new SamplingError('INVALID_SETTINGS', `Cannot allocate ${n} households over strata holding ${total}.`);
  }
  // Step 1: effective minimums, granted in precedence order while the sample lasts.
  let left = n;
  const minimum = strata.map((s) => {
    const m = Math.min(s.minimum, s.population, left);
    left -= m;
    return m;
  });

  // Step 2: water-filling. A stratum is "fixed" once λ·a_h is known to lie beyond its bound.
  const a = strata.map((s) => s.weight * s.population);
  const fixed: (number | null)[] = strata.map((s) => (s.population === 0 ? 0 : null));
  for (;;) {
    let r = n; // R: households left for the free strata
    let A = 0; // Σ a_h over free strata; λ = R / A
    fixed.forEach((f, h) => {
      if (f === null) A += a[h];
      else r -= f;
    });
    if (A === 0) break;
    // Compare λ·a_h with the bounds through integers: λ·a_h > N_h ⇔ R·a_h > N_h·A.
    let excess = 0;
    let deficit = 0;
    const over: number[] = [];
    const under: number[] = [];
    fixed.forEach((f, h) => {
      if (f !== null) return;
      const q = r * a[h];
      if (q > strata[h].population * A) {
        over.push(h);
        excess += q - strata[h].population * A;
      } else if (q < minimum[h] * A) {
        under.push(h);
        deficit += minimum[h] * A - q;
      }
    });
    if (over.length === 0 && under.length === 0) break;
    // If the over-shoot is at least the shortfall, λ can only rise: the over-cap strata stay capped.
    // Otherwise λ can only fall: the under-minimum strata stay at their minimum.
    if (excess >= deficit) for (const h of over) fixed[h] = strata[h].population;
    else for (const h of under) fixed[h] = minimum[h];
  }

  // Step 3: floors of the free quotas R·a_h/A, then one more household each to the largest
  // remainders (ties: earlier stratum in precedence order).
  let r = n;
  let A = 0;
  fixed.forEach((f, h) => {
    if (f === null) A += a[h];
    else r -= f;
  });
  const result = fixed.map((f, h) => (f !== null ? f : Math.floor((r * a[h]) / A)));
  let seats = n - result.reduce((sum, x) => sum + x, 0);
  const byRemainder = fixed
    .map((f, h) => ({ h, remainder: f === null ? (r * a[h]) % A : 0 }))
    .filter((x) => x.remainder > 0)
    .sort((x, y) => y.remainder - x.remainder || x.h - y.h);
  for (const { h } of byRemainder) {
    if (seats === 0) break;
    result[h] += 1;
    seats -= 1;
  }
  if (seats !== 0) throw new Error(`allocation left ${seats} households unplaced`); // unreachable by construction
  return result;
}
