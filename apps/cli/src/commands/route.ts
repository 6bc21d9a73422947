/**
 * lookback route — visiting order for a supervision team's day (督查组 路线) from a CSV of points.
 * Distances are great-circle metres; the lib can also take OSRM road durations, this command does not.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { type LatLng, routeDay, type RouteStop } from '@lookback/routing';

import type { Command } from '../main.js';

interface RoutePoint extends RouteStop {
  /** Line of the CSV file the point came from (the header is line 1), for error messages. */
  row: number;
}

/** Splits one CSV line, honouring double-quoted fields ("a,b" and "" escapes). */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (quoted) {
      if (ch === '"' && line[k + 1] === '"') {
        field += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

function coordinate(text: string | undefined, axis: 'lat' | 'lng', where: string): number {
  const limit = axis === 'lat' ? 90 : 180;
  const value = text === undefined || text === '' ? NaN : Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > limit) {
    throw new Error(`${where}: ${axis} "${text ?? ''}" is not a number between -${limit} and ${limit}`);
  }
  return value;
}

/** Reads points from CSV text with a header naming the columns id, lat and lng (lon also accepted). */
export function parsePointsCsv(text: string, fileName: string): RoutePoint[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const column = (...names: string[]): number => header.findIndex((h) => names.includes(h));
  const [idCol, latCol, lngCol] = [column('id'), column('lat', 'latitude'), column('lng', 'lon', 'longitude')];
  if (idCol < 0 || latCol < 0 || lngCol < 0) {
    throw new Error(`${fileName}: the header row must name the columns id, lat, lng (found: ${header.join(', ') || 'nothing'})`);
  }
  const points: RoutePoint[] = [];
  const rowOfId = new Map<string, number>();
  lines.slice(1).forEach((line, k) => {
    if (line.trim() === '') return;
    const row = k + 2;
    const where = `${fileName} row ${row}`;
    const fields = splitCsvLine(line);
    const id = fields[idCol] ?? '';
    if (id === '') throw new Error(`${where}: the id is empty`);
    const earlier = rowOfId.get(id);
    if (earlier !== undefined) throw new Error(`${where}: id "${id}" was already used on row ${earlier}`);
    rowOfId.set(id, row);
    points.push({ id, row, lat: coordinate(fields[latCol], 'lat', where), lng: coordinate(fields[lngCol], 'lng', where) });
  });
  if (points.length === 0) throw new Error(`${fileName}: no points below the header row`);
  return points;
}

function parseStart(text: string): LatLng {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 2) throw new Error(`--start "${text}" must be LAT,LNG, e.g. 33.25,113.0`);
  return { lat: coordinate(parts[0], 'lat', '--start'), lng: coordinate(parts[1], 'lng', '--start') };
}

async function readUtf8(path: string): Promise<string> {
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${basename(path)} is not UTF-8 text; save it as "CSV UTF-8"`);
  }
}

const command: Command = {
  summary: 'Order a day of visits from a start point through the points of a CSV and back',
  usage: 'npm run -s lookback -- route --points points.csv [--start LAT,LNG] [--out route.json] [--seed TEXT]',
  options: {
    points: { type: 'string' },
    start: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(values) {
    if (typeof values.points !== 'string') {
      process.stderr.write(`--points is required.\nUsage: ${command.usage}\n`);
      return 2;
    }
    const points = parsePointsCsv(await readUtf8(values.points), basename(values.points));
    const seed = typeof values.seed === 'string' ? values.seed : undefined;
    // Without --start the first point is where the day begins and ends.
    const fromFirstPoint = typeof values.start !== 'string';
    const start = fromFirstPoint ? points[0] : parseStart(values.start as string);
    const stops = fromFirstPoint ? points.slice(1) : points;
    const day = routeDay(start, stops, { seed });
    const order = fromFirstPoint ? [points[0].id, ...day.order] : day.order;
    const legs = (fromFirstPoint ? [0, ...day.legsM] : day.legsM).map((m) => Math.round(m));
    const total = Math.round(day.totalM);

    const returnLabel = fromFirstPoint ? points[0].id : 'start';
    const lines = order.map((id, k) => `${id}\t${legs[k]}`);
    if (legs.length > order.length) lines.push(`${returnLabel}\t${legs[order.length]}`);
    lines.push(`total_m=${total}`);
    process.stdout.write(lines.join('\n') + '\n');

    if (typeof values.out === 'string') {
      await writeFile(values.out, JSON.stringify({ order, legs_m: legs, total_m: total }, null, 2) + '\n', 'utf8');
    }
    return 0;
  },
};

export default command;
