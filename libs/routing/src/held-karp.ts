import type { PathProblem } from './problem.js';

/** Largest problem the exact solver accepts: 2^15·15 states is ~4 MB and well under a second. */
export const HELD_KARP_MAX_STOPS = 16;

/**
 * Exact Held–Karp dynamic programme over subsets of the movable stops, O(2^n·n^2).
 * Returns the route as internal indices 0..n-1 (start first, END omitted).
 */
export function heldKarp(problem: PathProblem): number[] {
  const { n, stride, cost } = problem;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  // Movable stops are internal 1..n-1; bit j of a mask stands for stop j+1.
  const m = n - 1;
  const full = (1 << m) - 1;
  const best = new Float64Array((full + 1) * m).fill(Infinity);
  const parent = new Int8Array((full + 1) * m).fill(-1);
  for (let j = 0; j < m; j++) best[(1 << j) * m + j] = cost[j + 1];
  for (let mask = 1; mask <= full; mask++) {
    for (let j = 0; j < m; j++) {
      if (!(mask & (1 << j))) continue;
      const here = best[mask * m + j];
      if (here === Infinity) continue;
      const row = (j + 1) * stride;
      for (let k = 0; k < m; k++) {
        if (mask & (1 << k)) continue;
        const next = mask | (1 << k);
        const candidate = here + cost[row + k + 1];
        if (candidate < best[next * m + k]) {
          best[next * m + k] = candidate;
          parent[next * m + k] = j;
        }
      }
    }
  }
  let last = 0;
  let bestTotal = Infinity;
  for (let j = 0; j < m; j++) {
    const total = best[full * m + j] + cost[(j + 1) * stride + n];
    if (total < bestTotal) {
      bestTotal = total;
      last = j;
    }
  }
  const reversed: number[] = [];
  for (let mask = full, j = last; j >= 0; ) {
    reversed.push(j + 1);
    const previous = parent[mask * m + j];
    mask ^= 1 << j;
    j = previous;
  }
  return [0, ...reversed.reverse()];
}
