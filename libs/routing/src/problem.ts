import { RoutingError } from './errors.js';

/** A cost matrix: `m[i][j]` is the cost of going from i to j. It need not be symmetric. */
export type CostMatrix = readonly (readonly number[])[];

/**
 * Both closed tours and open paths are solved as one problem: a Hamiltonian path over
 * nodes 0..n where node 0 is the start and node n is a virtual END. For a closed tour
 * END is a copy of the start (x→END costs x→start); for an open path every x→END costs 0.
 * Only positions 1..n-1 of a route ever move, so no solver special-cases the two shapes.
 */
export interface PathProblem {
  /** Number of real stops, start included. The virtual END has index n. */
  n: number;
  /** Row stride of `cost`: n + 1. */
  stride: number;
  /** Flat (n+1)×(n+1) costs over internal indices; row END is all zero and never read as a departure. */
  cost: Float64Array;
  /** Internal index → index in the caller's matrix (`toOriginal[0]` is the start). */
  toOriginal: Int32Array;
  /** Moves smaller than this are treated as no improvement, so rounding noise cannot loop. */
  epsilon: number;
}

export function assertCostMatrix(matrix: CostMatrix): void {
  const n = matrix.length;
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== n) {
      throw new RoutingError('BAD_MATRIX', `cost matrix row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${n}`);
    }
    for (let j = 0; j < n; j++) {
      if (i !== j && (typeof row[j] !== 'number' || !Number.isFinite(row[j]))) {
        throw new RoutingError('BAD_MATRIX', `cost matrix entry [${i}][${j}] is ${String(row[j])}, expected a finite number`);
      }
    }
  }
}

export function assertIndex(matrix: CostMatrix, index: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= matrix.length) {
    throw new RoutingError('BAD_OPTION', `${what} ${String(index)} is not an index of the ${matrix.length}-point matrix`);
  }
}

export function buildPathProblem(matrix: CostMatrix, start: number, closed: boolean): PathProblem {
  const n = matrix.length;
  const stride = n + 1;
  const toOriginal = new Int32Array(n);
  toOriginal[0] = start;
  for (let i = 0, k = 1; i < n; i++) if (i !== start) toOriginal[k++] = i;
  const cost = new Float64Array(stride * stride);
  let largest = 0;
  for (let a = 0; a < n; a++) {
    const row = matrix[toOriginal[a]];
    for (let b = 0; b < n; b++) {
      const c = a === b ? 0 : row[toOriginal[b]];
      cost[a * stride + b] = c;
      largest = Math.max(largest, Math.abs(c));
    }
    cost[a * stride + n] = closed && a !== 0 ? row[start] : 0;
  }
  return { n, stride, cost, toOriginal, epsilon: 1e-9 * Math.max(1, largest) };
}

/** Cost of following `order` through `matrix`, returning to order[0] when `closed`. */
export function routeCost(order: readonly number[], matrix: CostMatrix, closed = true): number {
  let total = 0;
  for (let k = 1; k < order.length; k++) total += matrix[order[k - 1]][order[k]];
  if (closed && order.length > 1) total += matrix[order[order.length - 1]][order[0]];
  return total;
}
