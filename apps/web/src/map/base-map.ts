/**
 * The map every screen starts from: the offline grid (离线底图) underneath, the configured tiles
 * (and 天地图's place-name layer) above it once /api/config/map has answered, a metric scale, and
 * a fallback to the grid alone when the tiles cannot be reached (a county intranet).
 */
import L from 'leaflet';
import type { MapConfigDto } from '../api.js';
import { chooseBaseLayer, type BaseLayerMode } from './base-layer.js';
import type { CoordinateSystem } from './display-coords.js';
import { loadMapConfig } from './map-config.js';
import { createOfflineLayer } from './offline-layer.js';

/** Roughly China: where the map opens before it knows its points. */
const DEFAULT_CENTER: L.LatLngExpression = [34.0, 113.5];
const TRANSPARENT_PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

// Leaflet 1.9 can run a canvas redraw it scheduled after the map was removed (leaving a page
// mid-frame), and then throws on the missing context. A redraw without a context has nothing to do.
type CanvasInternals = { _redraw(): void; _ctx?: CanvasRenderingContext2D };
const canvasProto = L.Canvas.prototype as unknown as CanvasInternals;
const leafletRedraw = canvasProto._redraw;
canvasProto._redraw = function (this: CanvasInternals) {
  if (this._ctx) leafletRedraw.call(this);
};

export interface BaseMapEvents {
  onMode(mode: BaseLayerMode): void;
  /** The datum markers must be drawn in, once the configuration is known. */
  onCoordinateSystem(system: CoordinateSystem): void;
}

export interface BaseMap {
  map: L.Map;
  dispose(): void;
}

export function coordinateSystemOf(config: MapConfigDto | null): CoordinateSystem {
  return config?.coordinateSystem === 'gcj02' ? 'gcj02' : 'wgs84';
}

export function createBaseMap(container: HTMLElement, events: BaseMapEvents): BaseMap {
  const renderer = L.canvas({ padding: 0.5 });
  // maxZoom on the map itself: the offline grid has none, and marker clustering needs one from the start.
  const map = L.map(container, { preferCanvas: true, renderer, center: DEFAULT_CENTER, zoom: 8, maxZoom: 19, zoomControl: true });
  map.attributionControl.setPrefix(false);
  L.control.scale({ imperial: false, metric: true }).addTo(map);
  // The grid always lies underneath: a tile that fails shows grid rather than a grey hole.
  createOfflineLayer().addTo(map);
  // Phones rotate and the sidebar layout changes width: Leaflet must re-measure or it leaves grey gaps.
  const resize = new ResizeObserver(() => map.invalidateSize());
  resize.observe(container);

  let cancelled = false;
  const online: L.TileLayer[] = [];
  const stats = { loaded: 0, failed: 0 };
  void loadMapConfig().then((config) => {
    if (cancelled) return;
    events.onCoordinateSystem(coordinateSystemOf(config));
    if (chooseBaseLayer(config, stats) === 'offline' || !config?.tileUrl) return;
    const options = { attribution: config.attribution, subdomains: config.subdomains || 'abc', errorTileUrl: TRANSPARENT_PIXEL, maxZoom: 19 };
    const tiles = L.tileLayer(config.tileUrl, { ...options, zIndex: 1 });
    tiles.on('tileload', (event: L.TileEvent) => {
      // A failed tile is replaced by errorTileUrl, whose load fires tileload too: don't count it.
      if ((event.tile as HTMLImageElement).getAttribute('src') !== TRANSPARENT_PIXEL) stats.loaded += 1;
    });
    tiles.on('tileerror', () => {
      stats.failed += 1;
      if (online.length && chooseBaseLayer(config, stats) === 'offline') {
        for (const layer of online.splice(0)) map.removeLayer(layer);
        events.onMode('offline');
      }
    });
    online.push(tiles.addTo(map));
    // Place names of 天地图 come as a separate transparent layer; it only makes sense over its tiles.
    if (config.labelUrl) online.push(L.tileLayer(config.labelUrl, { ...options, attribution: '', zIndex: 2 }).addTo(map));
    events.onMode('online');
  });

  return {
    map,
    dispose() {
      cancelled = true;
      resize.disconnect();
      map.remove();
    },
  };
}

/** Fits the view to the points without animation (a zoom still running when the user leaves throws inside Leaflet). */
export function fitPoints(map: L.Map, points: L.LatLngTuple[], fallback?: L.LatLngTuple): void {
  if (points.length === 1) map.setView(points[0], 15, { animate: false });
  else if (points.length > 1) map.fitBounds(points, { padding: [28, 28], maxZoom: 16, animate: false });
  else if (fallback) map.setView(fallback, 14, { animate: false });
}
