/**
 * Where to DRAW a WGS84 point on the configured tiles. 高德 tiles are in GCJ-02 (the Chinese
 * "Mars" datum), so an unconverted WGS84 marker lands a few hundred metres off its house. The API
 * and every stored coordinate stay WGS84; only the display is shifted.
 */
import gcoord from 'gcoord';

export type CoordinateSystem = 'wgs84' | 'gcj02';

export function toDisplayLatLng(lat: number, lng: number, system: CoordinateSystem): [number, number] {
  if (system === 'wgs84' || !Number.isFinite(lat) || !Number.isFinite(lng)) return [lat, lng];
  const [gLng, gLat] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02);
  return [gLat, gLng];
}

/** The inverse, for a point the user clicked on the map: stored as WGS84 whatever the tiles are. */
export function fromDisplayLatLng(lat: number, lng: number, system: CoordinateSystem): [number, number] {
  if (system === 'wgs84' || !Number.isFinite(lat) || !Number.isFinite(lng)) return [lat, lng];
  const [wLng, wLat] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84);
  return [wLat, wLng];
}
