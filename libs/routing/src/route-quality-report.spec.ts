import { describe, expect, it } from 'vitest';

import { routeQualityReport } from './quality.js';

describe('route quality report for the benchmark', () => {
  // Small budgets keep the test quick; the benchmark runs the full 1,000 restarts × 21 timings.
  const report = routeQualityReport('spec', { referenceRuns: 30, repetitions: 3 });

  it('compares the heuristic with Held–Karp on 8–12 stops and never beats the proven optimum', () => {
    expect(report.exact.map((e) => e.stops)).toEqual([8, 9, 10, 11, 12]);
    for (const e of report.exact) {
      expect(e.heuristicCost).toBeGreaterThanOrEqual(e.exactCost - 1e-6);
      expect(e.gapPct).toBeCloseTo(((e.heuristicCost - e.exactCost) / e.exactCost) * 100, 9);
      // Random points in a 30 km box: a closed tour of 8+ villages is tens of kilometres.
      expect(e.exactCost).toBeGreaterThan(20_000);
    }
  });

  it('reports cost, best of restarts and median time for 40 and 60 stops', () => {
    expect(report.large.map((l) => [l.stops, l.referenceRuns, l.repetitions])).toEqual([
      [40, 30, 3],
      [60, 30, 3],
    ]);
    for (const l of report.large) {
      expect(l.gapPct).toBeCloseTo(((l.cost - l.bestOfRestartsCost) / l.bestOfRestartsCost) * 100, 9);
      expect(l.gapPct).toBeLessThan(1);
      expect(l.medianMs).toBeGreaterThan(0);
    }
  });

  it('is replayable: the same seed gives the same costs', () => {
    const again = routeQualityReport('spec', { referenceRuns: 30, repetitions: 1 });
    expect(again.exact).toEqual(report.exact);
    expect(again.large.map((l) => [l.cost, l.bestOfRestartsCost])).toEqual(report.large.map((l) => [l.cost, l.bestOfRestartsCost]));
  });
});
