import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { DrawRecord } from '@lookback/sampling';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import drawCommand from './draw.js';
import verifyCommand from './verify.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
let dir: string;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lookback-verify-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function drawTo(path: string): Promise<void> {
  const code = await drawCommand.run({ roster: fixture('draw-households.csv'), projects: fixture('draw-projects.csv'), seed: '31415 92653', out: path });
  expect(code).toBe(0);
  stdout = '';
  stderr = '';
}

describe('lookback verify', () => {
  it('prints MATCH and exits 0 for an honest draw, with or without the project file', async () => {
    const path = join(dir, 'draw.json');
    await drawTo(path);
    expect(await verifyCommand.run({ draw: path, roster: fixture('draw-households.csv') })).toBe(0);
    // The projects in the record were taken on trust: it says so.
    expect(stdout).toBe('MATCH\nnot checked: the drawn projects (their files were not given; add --projects)\n');
    expect(stderr).toBe('');
    stdout = '';
    expect(await verifyCommand.run({ draw: path, roster: fixture('draw-households.csv'), projects: fixture('draw-projects.csv') })).toBe(0);
    expect(stdout).toBe('MATCH\n');
  });

  it('prints MISMATCH and the first difference for a roster edited after the draw', async () => {
    const path = join(dir, 'draw.json');
    await drawTo(path);
    const text = await readFile(fixture('draw-households.csv'), 'utf8');
    const edited = join(dir, 'households.csv');
    await writeFile(edited, text.replace('3412251000010020,户主20,蒿沟镇,蒿沟村,341225100001,脱贫户', '3412251000010020,户主20,蒿沟镇,蒿沟村,341225100001,一般农户'));
    expect(await verifyCommand.run({ draw: path, roster: edited })).toBe(1);
    expect(stdout).toMatch(/^MISMATCH\nsnapshotHash: /);
  });

  it('prints MISMATCH for a drawn household replaced in the record', async () => {
    const path = join(dir, 'draw.json');
    await drawTo(path);
    const record = JSON.parse(await readFile(path, 'utf8')) as DrawRecord;
    record.villages[2].sample[0].householdNo = '3412251010030040';
    await writeFile(path, JSON.stringify(record, null, 2));
    expect(await verifyCommand.run({ draw: path, roster: fixture('draw-households.csv') })).toBe(1);
    expect(stdout).toMatch(/^MISMATCH\nvillages\[2\]\.sample\[0\]\.householdNo: record has "3412251010030040"/);
  });

  it('prints MISMATCH when the auditor expects other settings', async () => {
    const path = join(dir, 'draw.json');
    await drawTo(path);
    const settings = join(dir, 'settings.json');
    await writeFile(settings, JSON.stringify({ lowIncome: { line: 8000 } }));
    expect(await verifyCommand.run({ draw: path, roster: fixture('draw-households.csv'), settings })).toBe(1);
    expect(stdout).toBe('MISMATCH\nsettings.lowIncome.line: record has 7500, re-run gives 8000\n');
  });
});
