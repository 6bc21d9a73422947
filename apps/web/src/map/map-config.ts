import { api, type MapConfigDto } from '../api.js';

let pending: Promise<MapConfigDto | null> | null = null;

/** Fetched once per page load; a failure means "offline base map", never an error on screen. */
export function loadMapConfig(): Promise<MapConfigDto | null> {
  pending ??= api.mapConfig().catch(() => null);
  return pending;
}
