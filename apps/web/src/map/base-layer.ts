/**
 * Which base map to show. Pure so the fallback rules are unit-tested: the map must never look
 * broken on a county intranet without internet access, or when the tile server refuses us.
 */
import type { MapConfigDto } from '../api.js';

export type BaseLayerMode = 'online' | 'offline';

/** Tiles loaded and failed so far by the online layer. */
export interface TileStats {
  loaded: number;
  failed: number;
}

/** A few consecutive failures with nothing loaded means the tile server is unreachable. */
export const FAILURES_BEFORE_FALLBACK = 4;

/** A Leaflet URL template needs the three tile coordinates to address anything. */
export function isUsableTileTemplate(url: string | null | undefined): url is string {
  if (!url || !url.trim()) return false;
  return url.includes('{z}') && url.includes('{x}') && (url.includes('{y}') || url.includes('{-y}'));
}

export function chooseBaseLayer(config: MapConfigDto | null, stats: TileStats): BaseLayerMode {
  if (!config || !isUsableTileTemplate(config.tileUrl)) return 'offline';
  if (stats.loaded === 0 && stats.failed >= FAILURES_BEFORE_FALLBACK) return 'offline';
  // Mostly failing (a flaky or rate-limiting server): a whole grid beats a patchwork of holes.
  if (stats.failed >= 3 * FAILURES_BEFORE_FALLBACK && stats.failed > 3 * stats.loaded) return 'offline';
  return 'online';
}

/** North-west corner of a Web Mercator tile (x, y, zoom) in degrees, for the offline grid's labels. */
export function tileCorner(x: number, y: number, z: number): { lat: number; lng: number } {
  const n = 2 ** z;
  const lng = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return { lat, lng };
}

/** "E113.25° N33.40°" (S/W for the other hemispheres), decimals matched to the zoom. */
export function formatCoordinate(lat: number, lng: number, zoom: number): string {
  const digits = zoom >= 14 ? 4 : zoom >= 10 ? 3 : zoom >= 6 ? 2 : 1;
  const ew = lng >= 0 ? 'E' : 'W';
  const ns = lat >= 0 ? 'N' : 'S';
  return `${ew}${Math.abs(lng).toFixed(digits)}° ${ns}${Math.abs(lat).toFixed(digits)}°`;
}
