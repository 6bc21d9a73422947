import { RoutingError } from './errors.js';
import { assertLatLng, type LatLng } from './geo.js';

/**
 * URL of an OSRM table request for the durations between all `points`
 * (http://project-osrm.org/docs/v5.24.0/api/#table-service). OSRM wants longitude first.
 * The caller fetches it; this library does no network I/O.
 */
export function osrmTableUrl(baseUrl: string, points: readonly LatLng[], profile = 'driving'): string {
  if (points.length < 2) throw new RoutingError('BAD_OPTION', `an OSRM table needs at least 2 points, got ${points.length}`);
  points.forEach((p, i) => assertLatLng(p, `point ${i}`));
  const coordinates = points.map((p) => `${p.lng},${p.lat}`).join(';');
  return `${baseUrl.replace(/\/+$/, '')}/table/v1/${encodeURIComponent(profile)}/${coordinates}?annotations=duration`;
}

/**
 * The `durations` of an OSRM table reply as a cost matrix in seconds: `m[i][j]` is the drive
 * from point i to point j, which on real roads differs from j to i. OSRM answers `null` where no
 * road joins two points; that is an error naming the pair, since no route can use that leg.
 */
export function parseOsrmTable(json: unknown): number[][] {
  const reply = json as { code?: unknown; message?: unknown; durations?: unknown } | null;
  if (typeof reply !== 'object' || reply === null) throw new RoutingError('BAD_OSRM_RESPONSE', 'OSRM reply is not a JSON object');
  if (reply.code !== 'Ok') {
    const detail = typeof reply.message === 'string' ? `: ${reply.message}` : '';
    throw new RoutingError('BAD_OSRM_RESPONSE', `OSRM answered ${String(reply.code)}${detail}`);
  }
  const rows = reply.durations;
  if (!Array.isArray(rows)) throw new RoutingError('BAD_OSRM_RESPONSE', 'OSRM reply has no durations table (was annotations=duration asked?)');
  const n = rows.length;
  return rows.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      throw new RoutingError('BAD_OSRM_RESPONSE', `OSRM durations row ${i} is not a list of ${n} values`);
    }
    return row.map((value: unknown, j) => {
      if (value === null) {
        throw new RoutingError('UNREACHABLE', `OSRM found no road from point ${i} to point ${j}; check both coordinates`);
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new RoutingError('BAD_OSRM_RESPONSE', `OSRM duration [${i}][${j}] is ${JSON.stringify(value)}, not a number of seconds`);
      }
      return value;
    });
  });
}
