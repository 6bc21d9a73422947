import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { COUNTY_SIZES, type CountySize, DEFAULT_SEED, generateCounty } from '@lookback/demo-county';
import { assetsToRows, cadresToRows, householdsToRows, projectsToRows, rowsToXlsx, toCsv, villagesToRows } from '@lookback/roster';

import type { Command } from '../main.js';

const FORMATS = ['csv', 'xlsx', 'both'] as const;
type Format = (typeof FORMATS)[number];

const USAGE =
  'npm run -s lookback -- demo [--size demo|county|tiny] [--seed S] [--out DIR] [--format csv|xlsx|both]\n' +
  '  --size    demo ≈ 60,000 households (default), county ≈ 240,000, tiny = 2 towns / 10 villages / ~1,500\n' +
  `  --seed    same seed, same files (default ${DEFAULT_SEED})\n` +
  '  --out     directory to write to (default data/demo-<size>)\n' +
  '  --format  csv (default), xlsx or both';

/** The five files a user imports, with the sheet name each gets in xlsx. */
const FILES = [
  { base: 'villages', sheet: '行政村名录' },
  { base: 'households', sheet: '农户花名册' },
  { base: 'projects', sheet: '衔接资金项目' },
  { base: 'assets', sheet: '项目资产' },
  { base: 'cadres', sheet: '村干部及帮扶干部' },
] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string, option: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${option} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * 生成演示数据: writes a demo county for 方城县 (real towns and villages, simulated households and
 * coordinates) as the same files a user would import, so a demo runs end to end through the importer.
 */
const demo: Command = {
  summary: 'write a demo county (方城县, real village codes, simulated people) as importable files',
  usage: USAGE,
  options: {
    size: { type: 'string', default: 'demo' },
    seed: { type: 'string', default: DEFAULT_SEED },
    out: { type: 'string' },
    format: { type: 'string', default: 'csv' },
  },
  async run(values) {
    let size: CountySize;
    let format: Format;
    try {
      size = oneOf(COUNTY_SIZES, String(values.size), 'size');
      format = oneOf(FORMATS, String(values.format), 'format');
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\nUsage: ${USAGE}\n`);
      return 2;
    }
    const seed = String(values.seed);
    const out = resolve(typeof values.out === 'string' ? values.out : join('data', `demo-${size}`));

    const started = performance.now();
    const county = generateCounty({ size, seed });
    const generatedMs = performance.now() - started;

    const tables: Record<(typeof FILES)[number]['base'], string[][]> = {
      villages: villagesToRows(county.villages),
      households: householdsToRows(county.households),
      projects: projectsToRows(county.projects),
      assets: assetsToRows(county.assets),
      cadres: cadresToRows(county.cadres),
    };

    await mkdir(out, { recursive: true });
    const written: string[] = [];
    for (const { base, sheet } of FILES) {
      const rows = tables[base];
      if (format !== 'xlsx') {
        const path = join(out, `${base}.csv`);
        const bytes = Buffer.from(toCsv(rows), 'utf8');
        await writeFile(path, bytes);
        written.push(`  ${`${base}.csv`.padEnd(16)}${rows.length - 1} rows, ${kib(bytes.length)}`);
      }
      if (format !== 'csv') {
        const bytes = await rowsToXlsx(sheet, rows);
        await writeFile(join(out, `${base}.xlsx`), bytes);
        written.push(`  ${`${base}.xlsx`.padEnd(16)}${rows.length - 1} rows, ${kib(bytes.length)}`);
      }
    }

    const towns = new Set(county.villages.map((v) => v.townCode)).size;
    process.stdout.write(
      `${county.county.name} ${size} (seed ${seed}): ${towns} towns, ${county.villages.length} villages, ` +
        `${county.households.length} households — generated in ${(generatedMs / 1000).toFixed(1)} s. ` +
        `Coordinates are simulated (模拟坐标).\n` +
        `Wrote to ${out}:\n${written.join('\n')}\n`,
    );
    return 0;
  },
};

export default demo;
