// Route quality and speed (督查组 路线): the default solver against the Held–Karp optimum for 8–12
// stops, and for 40 and 60 stops against the best of 1,000 independent random restarts, with the
// median time of one solve. Several seeds, so one lucky instance cannot carry the figure: each row
// reports the worst seed. The reference search runs in the same process as the timed solves.
import { routeQualityReport } from '@lookback/routing';

const SEEDS = ['lookback-bench-routes-1', 'lookback-bench-routes-2', 'lookback-bench-routes-3'];
const REFERENCE_RUNS = 1000;
const GAP_GOAL_PCT = 1;
const SPEED_GOAL_MS = 50;
/** Held–Karp and the heuristic add edge lengths in a different order: below this they are equal. */
const FLOAT_EQUAL_PCT = 1e-9;

/** Negative: the default solve beat the reference search. */
const pct = (value) => `${Math.abs(value) < FLOAT_EQUAL_PCT ? '0' : value.toFixed(Math.abs(value) < 0.1 ? 3 : 2)} %`;

export async function routesBench() {
  const reports = SEEDS.map((seed) => routeQualityReport(seed, { referenceRuns: REFERENCE_RUNS }));

  const exact = reports.flatMap((r) => r.exact);
  if (exact.length === 0) throw new Error('route quality report has no exact comparisons');
  const worstExact = exact.reduce((worst, e) => (e.gapPct > worst.gapPct ? e : worst));
  const rows = [
    {
      figure: `route 8–12 stops vs exact (${exact.length} instances, ${SEEDS.length} seeds)`,
      value: `max gap ${pct(worstExact.gapPct)}`,
      baseline: 'exact optimum (Held–Karp)',
      ratio: (worstExact.heuristicCost / worstExact.exactCost).toFixed(4),
      goal: '0 %',
      met: worstExact.gapPct < FLOAT_EQUAL_PCT,
    },
  ];

  for (const stops of [40, 60]) {
    const runs = reports.map((r) => r.large.find((l) => l.stops === stops));
    if (runs.some((l) => l === undefined)) throw new Error(`route quality report has no ${stops}-stop instance`);
    const worstGap = runs.reduce((worst, l) => (l.gapPct > worst.gapPct ? l : worst));
    const slowest = Math.max(...runs.map((l) => l.medianMs));
    rows.push({
      figure: `route ${stops} stops (${SEEDS.length} seeds, median of ${runs[0].repetitions} solves each)`,
      value: `${slowest.toFixed(1)} ms, gap ${pct(worstGap.gapPct)}`,
      baseline: `best of ${REFERENCE_RUNS.toLocaleString('en')} restarts`,
      ratio: (worstGap.cost / worstGap.bestOfRestartsCost).toFixed(4),
      goal: `≤ ${GAP_GOAL_PCT} %, < ${SPEED_GOAL_MS} ms`,
      met: worstGap.gapPct <= GAP_GOAL_PCT && slowest < SPEED_GOAL_MS,
    });
  }
  return rows;
}
