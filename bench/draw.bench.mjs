// The county draw (抽样) in-process — about 240,000 households in 600 villages, with the project,
// asset and cadre draws the CLI makes beside it, and the household draw alone — next to reading
// the same household rows out of PostgreSQL into JS, measured in the same run on the same machine.
//
// The roster hash is computed once beforehand and passed as snapshotHash, as the API does with the
// hash it stored with the roster snapshot: the figure is the draw, not the hashing of the roster.
import { generateCounty } from '@lookback/demo-county';
import { householdsHash } from '@lookback/roster';
import { draw } from '@lookback/sampling';
import { benchClient, copyInto, sample, seconds } from './support.mjs';

const SEED = 'lookback-bench-draw';
const RUNS = 5;
const GOAL_MS = 300;
const TABLE = 'bench_draw_households';

/** Same columns and types as the API's `household` table, plus the names the draw reads. */
const COLUMNS = [
  ['household_no', 'text PRIMARY KEY', (h) => h.householdNo],
  ['head_name', 'text NOT NULL', (h) => h.headName],
  ['town_name', 'text NOT NULL', (h) => h.townName],
  ['village_name', 'text NOT NULL', (h) => h.villageName],
  ['village_code', 'char(12) NOT NULL', (h) => h.villageCode],
  ['household_type', 'text NOT NULL', (h) => h.householdType],
  ['monitoring_category', 'text', (h) => h.monitoringCategory],
  ['dibao', 'boolean NOT NULL', (h) => h.dibao],
  ['tekun', 'boolean NOT NULL', (h) => h.tekun],
  ['severe_disability', 'boolean NOT NULL', (h) => h.severeDisability],
  ['serious_illness', 'boolean NOT NULL', (h) => h.seriousIllness],
  ['elderly_alone', 'boolean NOT NULL', (h) => h.elderlyAlone],
  ['members', 'smallint NOT NULL', (h) => h.members],
  ['income_per_capita', 'numeric NOT NULL', (h) => h.incomePerCapita],
  ['lng', 'double precision', (h) => h.lng],
  ['lat', 'double precision', (h) => h.lat],
];

/** Reading the snapshot rows alone: every household row of the roster into JS objects through pg. */
async function readRowsBaseline(url, households) {
  const client = await benchClient(url);
  try {
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await client.query(`CREATE TABLE ${TABLE} (${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`);
    await copyInto(
      client,
      TABLE,
      COLUMNS.map(([name]) => name),
      households.map((h) => COLUMNS.map(([, , get]) => get(h))),
    );
    await client.query(`VACUUM ANALYZE ${TABLE}`);
    const select = `SELECT ${COLUMNS.map(([name]) => name).join(', ')} FROM ${TABLE}`;
    const read = await sample(RUNS, async () => {
      const { rows } = await client.query(select);
      if (rows.length !== households.length) throw new Error(`read ${rows.length} household rows, expected ${households.length}`);
    });
    return read;
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => {});
    await client.end();
  }
}

export async function drawBench(db) {
  const county = generateCounty({ size: 'county' });
  const { households, projects, assets, cadres, villages } = county;
  const snapshotHash = householdsHash(households);
  const input = { seed: SEED, households, projects, assets, cadres, villages, snapshotHash };

  let record;
  const drawn = await sample(RUNS, () => {
    record = draw(input);
  });
  // The household draw alone, to show how much of the figure the companion draws take.
  const householdsOnly = await sample(RUNS, () => draw({ seed: SEED, households, snapshotHash }));
  // A draw that measured nothing must not pass for a fast one.
  const sampled = record.villages.reduce((sum, v) => sum + v.sampleSize, 0);
  if (record.villages.length !== villages.length || sampled < 15 * villages.length) {
    throw new Error(`draw covered ${record.villages.length} villages and ${sampled} households; expected ${villages.length} villages and ≥ 15 each`);
  }

  const read = await readRowsBaseline(db.url, households);
  const ratio = drawn.medianMs / read.medianMs;
  return [
    {
      figure: `draw ${households.length.toLocaleString('en')} households, ${villages.length} villages (median of ${RUNS}; first call ${seconds(drawn.firstMs)})`,
      value: seconds(drawn.medianMs),
      baseline: `${seconds(read.medianMs)} read ${households.length.toLocaleString('en')} rows via pg`,
      ratio: ratio.toFixed(2),
      goal: '≤ 0.3 s',
      met: drawn.medianMs <= GOAL_MS,
    },
    {
      figure: `  of which: households only, no projects/assets/cadres (median of ${RUNS})`,
      value: seconds(householdsOnly.medianMs),
      baseline: `${seconds(read.medianMs)} read rows`,
      ratio: (householdsOnly.medianMs / read.medianMs).toFixed(2),
      goal: '≤ 0.3 s',
      met: householdsOnly.medianMs <= GOAL_MS,
    },
  ];
}
