/**
 * lookback draw — the household, project, asset and cadre draw (抽样) for every village of an
 * import-format roster, written as the canonical draw record. Used after the seed is revealed,
 * so the record includes the seed; docs/sampling.md explains how to audit it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

import type { ImportProblem } from '@lookback/contracts';
import { parseAssetTable, parseCadreTable, parseHouseholdTable, parseProjectTable, readTable, RosterFormatError, type ParseResult, type RosterRecords } from '@lookback/roster';
import { canonicalJson, draw, type SamplingSettingsInput } from '@lookback/sampling';

import type { Command } from '../main.js';

/** A roster file had problems; they have been printed. */
export class RosterFileProblems extends Error {}

/** Reads one import-format table (CSV or XLSX) and parses it, printing every problem with its row and column. */
export async function readRosterFile<T>(path: string, kind: keyof RosterRecords, parse: (table: string[][]) => ParseResult<T>): Promise<T[]> {
  const name = basename(path);
  let result: ParseResult<T>;
  try {
    result = parse(await readTable(new Uint8Array(await readFile(path)), name, kind));
  } catch (error) {
    if (error instanceof RosterFormatError) {
      printProblems(name, error.problems);
      throw new RosterFileProblems();
    }
    throw error;
  }
  if (result.problems.length > 0) {
    printProblems(name, result.problems);
    throw new RosterFileProblems();
  }
  return result.records;
}

function printProblems(file: string, problems: readonly ImportProblem[]): void {
  for (const p of problems) {
    const where = [p.row !== null ? `row ${p.row}` : null, p.column !== null ? `column ${p.column}` : null].filter(Boolean).join(', ');
    process.stderr.write(`${file}${where ? ` ${where}` : ''}: ${p.message}\n`);
  }
}

/** The optional project, asset and cadre files shared by draw and verify. */
export async function readCompanionFiles(values: Record<string, string | boolean | undefined>) {
  const path = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const projects = path('projects');
  const assets = path('assets');
  const cadres = path('cadres');
  return {
    ...(projects ? { projects: await readRosterFile(projects, 'projects', parseProjectTable) } : {}),
    ...(assets ? { assets: await readRosterFile(assets, 'assets', parseAssetTable) } : {}),
    ...(cadres ? { cadres: await readRosterFile(cadres, 'cadres', parseCadreTable) } : {}),
  };
}

export async function readSettingsFile(path: string): Promise<SamplingSettingsInput> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SamplingSettingsInput;
  } catch (error) {
    throw new Error(`${basename(path)}: not a readable JSON settings file (${(error as Error).message})`);
  }
}

export const companionOptions = {
  projects: { type: 'string' },
  assets: { type: 'string' },
  cadres: { type: 'string' },
} as const;

const command: Command = {
  summary: 'Draw households, projects, assets and cadres for every village of a roster',
  usage:
    'npm run -s lookback -- draw --roster households.csv --seed SEED [--per-village N] [--settings settings.json] ' +
    '[--projects projects.csv] [--assets assets.csv] [--cadres cadres.csv] [--out draw.json]',
  options: {
    roster: { type: 'string' },
    seed: { type: 'string' },
    'per-village': { type: 'string' },
    settings: { type: 'string' },
    out: { type: 'string' },
    ...companionOptions,
  },
  async run(values) {
    const roster = values.roster;
    const seed = values.seed;
    if (typeof roster !== 'string' || typeof seed !== 'string') {
      process.stderr.write(`--roster and --seed are required.\nUsage: ${command.usage}\n`);
      return 2;
    }
    let settings: SamplingSettingsInput = typeof values.settings === 'string' ? await readSettingsFile(values.settings) : {};
    if (typeof values['per-village'] === 'string') {
      const perVillage = Number(values['per-village']);
      if (!Number.isInteger(perVillage)) {
        process.stderr.write(`--per-village "${values['per-village']}" is not a whole number.\n`);
        return 2;
      }
      settings = { ...settings, perVillage };
    }
    let households;
    let companions;
    try {
      households = await readRosterFile(roster, 'households', parseHouseholdTable);
      companions = await readCompanionFiles(values);
    } catch (error) {
      if (error instanceof RosterFileProblems) return 1;
      throw error;
    }
    const record = draw({ seed, households, settings, ...companions });
    const text = canonicalJson(record) + '\n';
    if (typeof values.out === 'string') {
      await writeFile(values.out, text);
      const drawn = record.villages.reduce((sum, v) => sum + v.sampleSize, 0);
      process.stderr.write(`Drew ${drawn} households in ${record.villages.length} villages; commitment ${record.commitment}; written to ${values.out}\n`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  },
};

export default command;
