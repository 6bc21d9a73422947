import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { canonicalJson, type DrawRecord } from '@lookback/sampling';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import drawCommand from './draw.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
let dir: string;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lookback-draw-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('lookback draw', () => {
  it('writes the canonical draw record of every village, seed included, to stdout', async () => {
    const code = await drawCommand.run({ roster: fixture('draw-households.csv'), seed: '62431 55214 36621 14356' });
    expect(code).toBe(0);
    const record = JSON.parse(stdout) as DrawRecord;
    expect(stdout).toBe(canonicalJson(record) + '\n');
    expect(record.seed).toBe('62431 55214 36621 14356');
    expect(record.villages.map((v) => [v.villageCode, v.sampleSize])).toEqual([
      ['341225100001', 15],
      ['341225100002', 12],
      ['341225101003', 15],
    ]);
    expect(record.scope).toEqual({ projects: false, assets: false, cadres: false });
  });

  it('honours --per-village and a settings file, and writes to --out', async () => {
    const settings = join(dir, 'settings.json');
    await writeFile(settings, JSON.stringify({ strata: { ordinary: { weight: 2 } }, projects: { perVillage: 1 } }));
    const out = join(dir, 'draw.json');
    const code = await drawCommand.run({
      roster: fixture('draw-households.csv'),
      projects: fixture('draw-projects.csv'),
      cadres: fixture('draw-cadres.csv'),
      seed: 'dice 1 2 3',
      'per-village': '20',
      settings,
      out,
    });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Drew 52 households in 3 villages; commitment [0-9a-f]{64}/);
    const record = JSON.parse(await readFile(out, 'utf8')) as DrawRecord;
    expect(record.settings.perVillage).toBe(20);
    expect(record.settings.strata.ordinary.weight).toBe(2);
    expect(record.villages[0].projects.sample).toHaveLength(1);
    expect(record.villages[0].interviewees.length).toBeGreaterThan(0);
  });

  it('prints every roster problem with its row and column and exits 1', async () => {
    const text = await readFile(fixture('draw-households.csv'), 'utf8');
    const lines = text.split('\r\n');
    lines[3] = lines[3].replace(',否,否,否,否,否,', ',否,否,否,Y,否,');
    const broken = join(dir, 'households.csv');
    await writeFile(broken, lines.join('\r\n'));
    const code = await drawCommand.run({ roster: broken, seed: 'x' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('households.csv row 4, column 是否大病重病');
  });

  it('refuses settings below 15 households per village', async () => {
    await expect(drawCommand.run({ roster: fixture('draw-households.csv'), seed: 'x', 'per-village': '10' })).rejects.toThrow(/perVillage/);
  });

  it('asks for --roster and --seed', async () => {
    expect(await drawCommand.run({ roster: fixture('draw-households.csv') })).toBe(2);
    expect(stderr).toContain('--roster and --seed are required');
  });
});
