import type { PathProblem } from './problem.js';

/** A uniform random number in [0, 1): a seeded `seedrandom` generator, never Math.random. */
export type Random = () => number;

/**
 * A route in the solvers' working form: internal indices, `path[0]` is the start (0) and
 * `path[n]` the virtual END (n). Positions 1..n-1 hold every other stop exactly once.
 */
export type WorkingPath = Int32Array;

export function pathCost(problem: PathProblem, path: WorkingPath): number {
  const { n, stride, cost } = problem;
  let total = 0;
  for (let t = 0; t < n; t++) total += cost[path[t] * stride + path[t + 1]];
  return total;
}

/** Greedy start: always drive to the cheapest stop not yet visited (ties go to the lower index). */
export function nearestNeighbourPath(problem: PathProblem): WorkingPath {
  const { n, stride, cost } = problem;
  const path = new Int32Array(n + 1);
  const visited = new Uint8Array(n);
  visited[0] = 1;
  for (let t = 1; t < n; t++) {
    const from = path[t - 1] * stride;
    let next = -1;
    let nextCost = Infinity;
    for (let k = 1; k < n; k++) {
      if (!visited[k] && cost[from + k] < nextCost) {
        nextCost = cost[from + k];
        next = k;
      }
    }
    visited[next] = 1;
    path[t] = next;
  }
  path[n] = n;
  return path;
}

/** Randomised start: stops arrive in random order and each goes where it adds least. */
export function randomInsertionPath(problem: PathProblem, random: Random): WorkingPath {
  const { n, stride, cost } = problem;
  const pending = shuffledStops(n, random);
  const path = new Int32Array(n + 1);
  path[0] = 0;
  path[1] = n;
  let length = 2;
  for (const stop of pending) {
    let at = 1;
    let added = Infinity;
    for (let t = 1; t < length; t++) {
      const before = path[t - 1];
      const after = path[t];
      const delta = cost[before * stride + stop] + cost[stop * stride + after] - cost[before * stride + after];
      if (delta < added) {
        added = delta;
        at = t;
      }
    }
    path.copyWithin(at + 1, at, length);
    path[at] = stop;
    length++;
  }
  return path;
}

/** Random order of the movable stops 1..n-1 (Fisher–Yates). */
export function shuffledStops(n: number, random: Random): Int32Array {
  const stops = new Int32Array(n - 1);
  for (let k = 0; k < n - 1; k++) stops[k] = k + 1;
  for (let k = stops.length - 1; k > 0; k--) {
    const r = Math.floor(random() * (k + 1));
    const t = stops[k];
    stops[k] = stops[r];
    stops[r] = t;
  }
  return stops;
}

/**
 * Double-bridge kick (A B C D → A C B D). It keeps every segment's direction, so it is as
 * valid on one-way road durations as on distances, and 2-opt/Or-opt cannot undo it in one move.
 */
export function doubleBridge(path: WorkingPath, random: Random): WorkingPath {
  const n = path.length - 1;
  if (n < 3) return path.slice();
  // Three distinct cut positions 1 <= i < j < k <= n.
  const cuts = new Set<number>();
  while (cuts.size < 3) cuts.add(1 + Math.floor(random() * n));
  const [i, j, k] = [...cuts].sort((x, y) => x - y);
  const out = new Int32Array(n + 1);
  out.set(path.subarray(0, i), 0);
  out.set(path.subarray(j, k), i);
  out.set(path.subarray(i, j), i + k - j);
  out.set(path.subarray(k), k);
  return out;
}

/**
 * 2-opt + Or-opt local search to a local optimum, in place.
 *
 * The matrix may be asymmetric, so reversing positions i..j changes the cost of every edge
 * inside the segment, not only the two at its ends. `forward[t]` and `backward[t]` are prefix
 * sums of the path's edges taken forwards and backwards, which prices any reversal in O(1).
 */
export function localSearch(problem: PathProblem, path: WorkingPath): void {
  const { n, stride: S, cost: C, epsilon } = problem;
  if (n < 3) return;
  const forward = new Float64Array(n + 1);
  const backward = new Float64Array(n + 1);
  const scratch = new Int32Array(n + 1);
  const prefix = (): void => {
    for (let t = 0; t < n; t++) {
      forward[t + 1] = forward[t] + C[path[t] * S + path[t + 1]];
      backward[t + 1] = backward[t] + C[path[t + 1] * S + path[t]];
    }
  };

  let improved = true;
  while (improved) {
    improved = false;
    prefix();

    // 2-opt: reverse positions i..j.
    for (let i = 1; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = path[i - 1];
        const b = path[i];
        const c = path[j];
        const d = path[j + 1];
        const delta =
          C[a * S + c] + C[b * S + d] - C[a * S + b] - C[c * S + d] + (backward[j] - backward[i]) - (forward[j] - forward[i]);
        if (delta < -epsilon) {
          for (let lo = i, hi = j; lo < hi; lo++, hi--) {
            const t = path[lo];
            path[lo] = path[hi];
            path[hi] = t;
          }
          prefix();
          improved = true;
        }
      }
    }

    // Or-opt: move a run of 1–3 consecutive stops elsewhere, as it is or reversed.
    for (let L = 1; L <= 3; L++) {
      for (let i = 1; i + L - 1 <= n - 1; i++) {
        const last = i + L - 1;
        const a = path[i - 1];
        const first = path[i];
        const end = path[last];
        const e = path[last + 1];
        const removed = C[a * S + first] + C[end * S + e] - C[a * S + e];
        const reversalChange = backward[last] - backward[i] - (forward[last] - forward[i]);
        let bestDelta = -epsilon;
        let bestK = -1;
        let bestReversed = false;
        for (let k = 0; k < n; k++) {
          if (k >= i - 1 && k <= last) continue;
          const x = path[k];
          const y = path[k + 1];
          const base = -C[x * S + y] - removed;
          const asIs = base + C[x * S + first] + C[end * S + y];
          if (asIs < bestDelta) {
            bestDelta = asIs;
            bestK = k;
            bestReversed = false;
          }
          if (L > 1) {
            const flipped = base + C[x * S + end] + C[first * S + y] + reversalChange;
            if (flipped < bestDelta) {
              bestDelta = flipped;
              bestK = k;
              bestReversed = true;
            }
          }
        }
        if (bestK >= 0) {
          let w = 0;
          for (let t = 0; t <= n; t++) {
            if (t >= i && t <= last) continue;
            scratch[w++] = path[t];
            if (t === bestK) {
              if (bestReversed) for (let s = last; s >= i; s--) scratch[w++] = path[s];
              else for (let s = i; s <= last; s++) scratch[w++] = path[s];
            }
          }
          path.set(scratch);
          prefix();
          improved = true;
        }
      }
    }
  }
}

/**
 * Iterated local search: nearest neighbour polished by 2-opt + Or-opt, then `restarts` more
 * attempts, each either a double-bridge kick of the best route so far or (every eighth) a
 * fresh randomised-insertion start, polished the same way; the cheapest route wins.
 * Returns internal indices 0..n-1 (END omitted).
 */
export function iteratedLocalSearch(problem: PathProblem, restarts: number, random: Random): number[] {
  let best = nearestNeighbourPath(problem);
  localSearch(problem, best);
  let bestCost = pathCost(problem, best);
  for (let r = 1; r <= restarts; r++) {
    const candidate = r % 8 === 0 ? randomInsertionPath(problem, random) : doubleBridge(best, random);
    localSearch(problem, candidate);
    const candidateCost = pathCost(problem, candidate);
    if (candidateCost < bestCost - problem.epsilon) {
      best = candidate;
      bestCost = candidateCost;
    }
  }
  return Array.from(best.subarray(0, problem.n));
}
