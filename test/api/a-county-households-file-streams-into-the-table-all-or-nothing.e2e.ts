import { rowsToXlsx } from '@lookback/roster';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tokenFor } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';
import { csv, household, HOUSEHOLD_HEADER, importFile, useToken, VILLAGES } from './helpers.js';

// From 20,000 rows on, households are loaded into the table without its key, village index and
// foreign key, which are rebuilt at the end; a CSV goes in while it is still being read
// (RosterRepository.openHouseholdStream), a workbook after it is read (replaceRows).

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOOKBACK_MAX_UPLOAD_MB: '20' });
  useToken(await tokenFor(t.baseUrl, t.db, 'planner'));
});
afterAll(() => t.close());
beforeEach(async () => {
  await resetMasterData(t.db);
  await importFile(t.baseUrl, 'villages', 'v.csv', csv(VILLAGES));
});

const [A, B, C] = ['411322100201', '411322100202', '411322101201'];

/** `n` households spread over `villages`, numbered from `prefix`0. */
function households(n: number, villages: string[], prefix = 'H'): string[][] {
  return Array.from({ length: n }, (_, i) => household(`${prefix}${String(i).padStart(6, '0')}`, `户主${i}`, villages[i % villages.length]));
}

const countsByVillage = async () =>
  Object.fromEntries(((await t.db.query(`SELECT village_code, count(*)::int AS n FROM household GROUP BY 1 ORDER BY 1`)) as { village_code: string; n: number }[]).map((r) => [r.village_code, r.n]));

/** The household table's key, index and foreign key, as the migrations made them. */
async function expectTableIntact(): Promise<void> {
  const constraints = await t.db.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'household'::regclass AND contype IN ('p', 'f') ORDER BY 1`);
  expect(constraints).toEqual([{ conname: 'household_pkey' }, { conname: 'household_village_fkey' }]);
  expect(await t.db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'household' ORDER BY 1`)).toEqual([{ indexname: 'household_pkey' }, { indexname: 'household_village_idx' }]);
}

describe('a county-sized households file', () => {
  it('is loaded whole, and loaded again over itself gives the same rows and snapshot', async () => {
    const file = csv([HOUSEHOLD_HEADER, ...households(21_000, [A, B, C])]);
    const first = await importFile(t.baseUrl, 'households', 'county.csv', file);
    expect(first.job).toMatchObject({ status: 'done', rowsLoaded: 21_000 });
    expect(await countsByVillage()).toEqual({ [A]: 7000, [B]: 7000, [C]: 7000 });
    await expectTableIntact();

    const again = await importFile(t.baseUrl, 'households', 'county.csv', file);
    expect(again.job.status).toBe('done');
    expect(again.job.snapshot!.contentHash).toBe(first.job.snapshot!.contentHash);
    expect(await countsByVillage()).toEqual({ [A]: 7000, [B]: 7000, [C]: 7000 });
    const counts = await t.db.query(`SELECT village_code, total FROM village_household_counts ORDER BY 1`);
    expect(counts.map((r: { total: number }) => Number(r.total))).toEqual([7000, 7000, 7000]);
    await expectTableIntact();
  });

  it('replaces only the villages it holds; keys it shares with those rows are free to move between them', async () => {
    const first = households(21_000, [A, B, C]);
    await importFile(t.baseUrl, 'households', 'county.csv', csv([HOUSEHOLD_HEADER, ...first]));
    // Villages A and B again, with their households swapped between the two and 6,500 new ones.
    const moved = first.filter((row) => row[4] !== C).map(([no, name, , , village]) => household(no, name, village === A ? B : A));
    const next = [...moved, ...households(6_500, [A, B], 'X')];
    const result = await importFile(t.baseUrl, 'households', 'a-and-b.csv', csv([HOUSEHOLD_HEADER, ...next]));
    expect(result.job.status).toBe('done');
    expect(await countsByVillage()).toEqual({ [A]: 10_250, [B]: 10_250, [C]: 7000 });
    expect(await t.db.query(`SELECT village_code FROM household WHERE household_no = 'H000000'`)).toEqual([{ village_code: B }]);
    await expectTableIntact();
  });

  it('is refused whole, naming the row, when a key belongs to a village it does not hold or a row far down is bad', async () => {
    await importFile(t.baseUrl, 'households', 'county.csv', csv([HOUSEHOLD_HEADER, ...households(21_000, [A, B, C])]));
    const before = await countsByVillage();

    // H000002 lives in village C, which this file does not replace.
    const taken = await importFile(t.baseUrl, 'households', 'taken.csv', csv([HOUSEHOLD_HEADER, ...households(21_000, [A, B], 'N'), household('H000002', '某', A)]));
    expect(taken.job.status).toBe('failed');
    expect(taken.job.problems).toEqual([expect.objectContaining({ row: 21_002, column: '户编号', message: expect.stringContaining('已属于 ' + C) })]);

    const rows = households(21_000, [A, B, C], 'M');
    rows[19_998][13] = '很多';
    const bad = await importFile(t.baseUrl, 'households', 'bad.csv', csv([HOUSEHOLD_HEADER, ...rows]));
    expect(bad.job.status).toBe('failed');
    expect(bad.job.problems).toEqual([expect.objectContaining({ row: 20_000, column: '人均纯收入' })]);

    expect(await countsByVillage()).toEqual(before);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM household WHERE household_no LIKE 'M%' OR household_no LIKE 'N%'`)).toEqual([{ n: 0 }]);
    await expectTableIntact();
  });

  it('as a workbook is loaded after it is read, over itself too, with the table intact', async () => {
    const file = await rowsToXlsx('农户', [HOUSEHOLD_HEADER, ...households(20_400, [A, B, C])]);
    const first = await importFile(t.baseUrl, 'households', 'county.xlsx', file);
    expect(first.job).toMatchObject({ status: 'done', rowsLoaded: 20_400 });
    const again = await importFile(t.baseUrl, 'households', 'county.xlsx', file);
    expect(again.job.status).toBe('done');
    expect(again.job.snapshot!.contentHash).toBe(first.job.snapshot!.contentHash);
    expect(await countsByVillage()).toEqual({ [A]: 6800, [B]: 6800, [C]: 6800 });
    await expectTableIntact();
  });
});
