import { RoutingError } from './errors.js';

/** A WGS-84 position in decimal degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** Mean Earth radius (IUGG), the value most haversine implementations use. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/** Throws a RoutingError when a point is not a usable WGS-84 coordinate. */
export function assertLatLng(point: LatLng, label = 'point'): void {
  const { lat, lng } = point;
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new RoutingError('BAD_COORDINATE', `${label}: latitude ${String(lat)} is not a number between -90 and 90`);
  }
  if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) {
    throw new RoutingError('BAD_COORDINATE', `${label}: longitude ${String(lng)} is not a number between -180 and 180`);
  }
}

/** Great-circle distance in metres (haversine formula, spherical Earth). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  // min() guards against s creeping above 1 by rounding for antipodal points.
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Symmetric matrix of great-circle distances in metres; `m[i][j]` is the distance from points[i] to points[j]. */
export function distanceMatrix(points: readonly LatLng[]): number[][] {
  points.forEach((p, i) => assertLatLng(p, `point ${i}`));
  const n = points.length;
  const m: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = haversineMeters(points[i], points[j]);
      m[i][j] = d;
      m[j][i] = d;
    }
  }
  return m;
}
