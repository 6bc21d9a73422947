import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ASSET_HEADERS, CADRE_HEADERS, HOUSEHOLD_HEADERS, parseCsv, parseHouseholdTable, PROJECT_HEADERS, readTable, VILLAGE_HEADERS } from '@lookback/roster';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import demo from './demo.js';

const HEADERS = {
  villages: VILLAGE_HEADERS,
  households: HOUSEHOLD_HEADERS,
  projects: PROJECT_HEADERS,
  assets: ASSET_HEADERS,
  cadres: CADRE_HEADERS,
} as const;

// Each scenario generates and writes a county: allow for a busy machine.
describe('lookback demo writes the files a user would import', { timeout: 30_000 }, () => {
  let dir: string;
  let stdout: string;
  let stderr: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lookback-demo-'));
    stdout = '';
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes five CSV files with the template headers for the tiny county', async () => {
    const code = await demo.run({ size: 'tiny', seed: 'spec', out: dir, format: 'csv' });
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['assets.csv', 'cadres.csv', 'households.csv', 'projects.csv', 'villages.csv']);
    for (const [base, headers] of Object.entries(HEADERS)) {
      const text = await readFile(join(dir, `${base}.csv`), 'utf8');
      expect(text.startsWith('\uFEFF'), base).toBe(true);
      const rows = parseCsv(text.replace(/^\uFEFF/, ''));
      expect(rows[0], base).toEqual([...headers]);
      expect(rows.length, base).toBeGreaterThan(1);
    }
    const villages = parseCsv((await readFile(join(dir, 'villages.csv'), 'utf8')).replace(/^\uFEFF/, ''));
    expect(villages).toHaveLength(11);
    for (const row of villages.slice(1)) expect(row[0]).toMatch(/^411322\d{6}$/);
    expect(stdout).toContain('方城县 tiny (seed spec): 2 towns, 10 villages');
    expect(stdout).toContain('模拟坐标');
  });

  it('writes households the importer reads back without a problem', async () => {
    await demo.run({ size: 'tiny', seed: 'spec', out: dir, format: 'csv' });
    const table = await readTable(new Uint8Array(await readFile(join(dir, 'households.csv'))), 'households.csv');
    const { records, problems } = parseHouseholdTable(table);
    expect(problems).toEqual([]);
    expect(records.length).toBeGreaterThan(1_400);
  });

  it('writes the same bytes twice from the same seed', async () => {
    await demo.run({ size: 'tiny', seed: 'same', out: join(dir, 'a'), format: 'csv' });
    await demo.run({ size: 'tiny', seed: 'same', out: join(dir, 'b'), format: 'csv' });
    for (const base of Object.keys(HEADERS)) {
      expect(await readFile(join(dir, 'b', `${base}.csv`))).toEqual(await readFile(join(dir, 'a', `${base}.csv`)));
    }
  });

  it('writes xlsx files that open with the same header row when asked for both', async () => {
    const code = await demo.run({ size: 'tiny', seed: 'spec', out: dir, format: 'both' });
    expect(code).toBe(0);
    expect((await readdir(dir)).filter((f) => f.endsWith('.xlsx'))).toHaveLength(5);
    for (const [base, headers] of Object.entries(HEADERS)) {
      const table = await readTable(new Uint8Array(await readFile(join(dir, `${base}.xlsx`))), `${base}.xlsx`);
      expect(table[0], base).toEqual([...headers]);
    }
  });

  it('refuses an unknown size or format with the usage, writing nothing', async () => {
    expect(await demo.run({ size: 'huge', seed: 'x', out: dir, format: 'csv' })).toBe(2);
    expect(await demo.run({ size: 'tiny', seed: 'x', out: dir, format: 'pdf' })).toBe(2);
    expect(stderr).toContain('--size must be one of demo, county, tiny, got "huge"');
    expect(stderr).toContain('--format must be one of csv, xlsx, both, got "pdf"');
    expect(await readdir(dir)).toEqual([]);
  });
});
