import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { haversineMeters } from '@lookback/routing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import route from './route.js';

let dir: string;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lookback-route-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function csv(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Town government in the south, three households due north of it, listed out of order. */
const TOWN = { lat: 33.2, lng: 113.0 };
const NORTH = [
  { id: '张家', lat: 33.23, lng: 113.0 },
  { id: '李家', lat: 33.21, lng: 113.0 },
  { id: '王家', lat: 33.22, lng: 113.0 },
];
const rows = (points: { id: string; lat: number; lng: number }[]): string => points.map((p) => `${p.id},${p.lat},${p.lng}`).join('\r\n');

describe('lookback route', () => {
  it('orders the day from --start, prints one id per line with leg metres and total_m last, writes JSON', async () => {
    const points = await csv('points.csv', '\uFEFFid,lat,lng\r\n' + rows(NORTH) + '\r\n');
    const out = join(dir, 'route.json');
    expect(await route.run({ points, start: `${TOWN.lat},${TOWN.lng}`, out })).toBe(0);

    const step = haversineMeters(TOWN, { lat: 33.21, lng: 113.0 });
    const leg = Math.round(step);
    const back = Math.round(3 * step);
    const total = Math.round(6 * step);
    expect(stdout.trimEnd().split('\n')).toEqual([`李家\t${leg}`, `王家\t${leg}`, `张家\t${leg}`, `start\t${back}`, `total_m=${total}`]);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({ order: ['李家', '王家', '张家'], legs_m: [leg, leg, leg, back], total_m: total });
  });

  it('without --start the first point is the start and the day ends back there', async () => {
    const points = await csv('points.csv', 'ID,Lat,Lon\n' + rows([{ id: 'town', ...TOWN }, ...NORTH]) + '\n\n');
    expect(await route.run({ points })).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(['town', '李家', '王家', '张家', 'town', lines.at(-1)]);
    expect(lines[0]).toBe('town\t0');
    expect(lines.at(-1)).toMatch(/^total_m=\d+$/);
    expect(Number(lines.at(-1)!.slice('total_m='.length))).toBe(Math.round(6 * haversineMeters(TOWN, { lat: 33.21, lng: 113.0 })));
  });

  it('names the row of a bad coordinate', async () => {
    const points = await csv('bad.csv', 'id,lat,lng\r\nA,33.2,113\r\nB,north,113\r\n');
    await expect(route.run({ points })).rejects.toThrow('bad.csv row 3: lat "north" is not a number between -90 and 90');
    const far = await csv('far.csv', 'id,lat,lng\nA,33.2,213\n');
    await expect(route.run({ points: far })).rejects.toThrow('far.csv row 2: lng "213" is not a number between -180 and 180');
  });

  it('rejects a header without the needed columns, a repeated id, a bad --start and a non-UTF-8 file', async () => {
    await expect(route.run({ points: await csv('h.csv', 'name,lat,lng\nA,1,2\n') })).rejects.toThrow(/must name the columns id, lat, lng/);
    await expect(route.run({ points: await csv('d.csv', 'id,lat,lng\nA,1,2\nA,1,3\n') })).rejects.toThrow('d.csv row 3: id "A" was already used on row 2');
    await expect(route.run({ points: await csv('s.csv', 'id,lat,lng\nA,1,2\n'), start: '33.2' })).rejects.toThrow(/--start "33.2" must be LAT,LNG/);
    // "张家" in GBK, as Excel saves a CSV on a Chinese Windows by default.
    const gbk = Uint8Array.from([...Buffer.from('id,lat,lng\n'), 0xd5, 0xc5, 0xbc, 0xd2, ...Buffer.from(',33.2,113\n')]);
    await expect(route.run({ points: await csv('gbk.csv', gbk) })).rejects.toThrow(/gbk.csv is not UTF-8/);
  });

  it('asks for --points when it is missing', async () => {
    expect(await route.run({})).toBe(2);
    expect(stderr).toMatch(/--points is required/);
  });
});
