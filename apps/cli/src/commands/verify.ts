/**
 * lookback verify — re-runs a draw from its record and the roster; prints MATCH, or MISMATCH
 * with the first difference. Projects, assets and cadres are checked when their files are given.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { parseHouseholdTable } from '@lookback/roster';
import { type CompanionPart, verify, type DrawRecord, type SamplingSettingsInput } from '@lookback/sampling';

import type { Command } from '../main.js';
import { companionOptions, readCompanionFiles, readRosterFile, readSettingsFile, RosterFileProblems } from './draw.js';

const UNCHECKED: Record<CompanionPart, string> = { projects: 'the drawn projects', assets: 'the drawn assets', cadres: 'the interviewees and quiz takers' };

const command: Command = {
  summary: 'Check a draw record against the roster it claims to be drawn from',
  usage:
    'npm run -s lookback -- verify --draw draw.json --roster households.csv [--settings settings.json] ' +
    '[--projects projects.csv] [--assets assets.csv] [--cadres cadres.csv]',
  options: {
    draw: { type: 'string' },
    roster: { type: 'string' },
    settings: { type: 'string' },
    ...companionOptions,
  },
  async run(values) {
    if (typeof values.draw !== 'string' || typeof values.roster !== 'string') {
      process.stderr.write(`--draw and --roster are required.\nUsage: ${command.usage}\n`);
      return 2;
    }
    let record: DrawRecord;
    try {
      record = JSON.parse(await readFile(values.draw, 'utf8')) as DrawRecord;
    } catch (error) {
      throw new Error(`${basename(values.draw)}: not a readable draw record (${(error as Error).message})`);
    }
    if (record === null || typeof record !== 'object' || !Array.isArray(record.villages)) {
      throw new Error(`${basename(values.draw)}: not a draw record`);
    }
    // --settings states the settings the auditor expects; without it the record's own are used.
    const settings: SamplingSettingsInput | undefined = typeof values.settings === 'string' ? await readSettingsFile(values.settings) : undefined;
    let households;
    let companions;
    try {
      households = await readRosterFile(values.roster, 'households', parseHouseholdTable);
      companions = await readCompanionFiles(values);
    } catch (error) {
      if (error instanceof RosterFileProblems) return 1;
      throw error;
    }
    const result = verify(record, households, settings, companions);
    if (result.match) {
      process.stdout.write('MATCH\n');
      // A MATCH vouches only for what was re-derived: say what was taken on trust.
      if (result.unchecked.length) {
        const parts = result.unchecked.map((p) => UNCHECKED[p]).join(', ');
        const flags = result.unchecked.map((p) => `--${p}`).join(' ');
        process.stdout.write(`not checked: ${parts} (their files were not given; add ${flags})\n`);
      }
      return 0;
    }
    process.stdout.write(`MISMATCH\n${result.firstDifference}\n`);
    return 1;
  },
};

export default command;
