/**
 * A Leaflet map of coloured points (villages or households). circleMarkers on one canvas renderer
 * stay smooth with thousands of points, and avoid Leaflet's default marker images that bundlers break.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { chooseBaseLayer, type BaseLayerMode } from './base-layer.js';
import { loadMapConfig } from './map-config.js';
import { createOfflineLayer } from './offline-layer.js';
import type { LegendItem, MapPoint } from './types.js';


interface Props {
  points: MapPoint[];
  legend: LegendItem[];
  testId: string;
  /** Shown when there is nothing to plot. */
  emptyText?: string;
  /** Where to look when there is nothing to plot (e.g. the village itself). */
  fallbackCenter?: [number, number];
}

/** Roughly China: where the map opens before it knows its points. */
const DEFAULT_CENTER: L.LatLngExpression = [34.0, 113.5];
// Leaflet 1.9 can run a canvas redraw it scheduled after the map was removed (leaving a page
// mid-frame), and then throws on the missing context. A redraw without a context has nothing to do.
type CanvasInternals = { _redraw(): void; _ctx?: CanvasRenderingContext2D };
const canvasProto = L.Canvas.prototype as unknown as CanvasInternals;
const leafletRedraw = canvasProto._redraw;
canvasProto._redraw = function (this: CanvasInternals) {
  if (this._ctx) leafletRedraw.call(this);
};

const TRANSPARENT_PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

export function PointMap({ points, legend, testId, emptyText = '没有可显示坐标的点位', fallbackCenter }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markersRef = useRef<L.LayerGroup | null>(null);
  const [mode, setMode] = useState<BaseLayerMode>('offline');

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const renderer = L.canvas({ padding: 0.5 });
    const map = L.map(container, { preferCanvas: true, renderer, center: DEFAULT_CENTER, zoom: 8, zoomControl: true });
    map.attributionControl.setPrefix(false);
    L.control.scale({ imperial: false, metric: true }).addTo(map);
    // The grid always lies underneath: a tile that fails shows grid rather than a grey hole.
    createOfflineLayer().addTo(map);
    markersRef.current = L.layerGroup().addTo(map);
    mapRef.current = map;
    // Phones rotate and the sidebar layout changes width: Leaflet must re-measure or it leaves grey gaps.
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(container);

    let cancelled = false;
    let online: L.TileLayer | null = null;
    const stats = { loaded: 0, failed: 0 };
    void loadMapConfig().then((config) => {
      if (cancelled || chooseBaseLayer(config, stats) === 'offline' || !config?.tileUrl) return;
      online = L.tileLayer(config.tileUrl, {
        attribution: config.attribution,
        subdomains: config.subdomains || 'abc',
        errorTileUrl: TRANSPARENT_PIXEL,
        maxZoom: 19,
        zIndex: 1,
      });
      online.on('tileload', (event: L.TileEvent) => {
        // A failed tile is replaced by errorTileUrl, whose load fires tileload too: don't count it.
        if ((event.tile as HTMLImageElement).getAttribute('src') !== TRANSPARENT_PIXEL) stats.loaded += 1;
      });
      online.on('tileerror', () => {
        stats.failed += 1;
        if (online && chooseBaseLayer(config, stats) === 'offline') {
          map.removeLayer(online);
          online = null;
          setMode('offline');
        }
      });
      online.addTo(map);
      setMode('online');
    });

    return () => {
      cancelled = true;
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      markersRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    const group = markersRef.current;
    if (!map || !group) return;
    group.clearLayers();
    const bounds: L.LatLngTuple[] = [];
    for (const p of points) {
      if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) continue;
      L.circleMarker([p.lat, p.lng], {
        radius: p.radius ?? 7,
        color: '#ffffff',
        weight: 1.5,
        fillColor: p.color,
        fillOpacity: 0.85,
      })
        .bindPopup(p.popup)
        .addTo(group);
      bounds.push([p.lat, p.lng]);
    }
    // No animation: a zoom still running when the user leaves the page throws inside Leaflet.
    if (bounds.length === 1) map.setView(bounds[0], 15, { animate: false });
    else if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false });
    else if (fallbackCenter) map.setView(fallbackCenter, 14, { animate: false });
  }, [points, fallbackCenter?.[0], fallbackCenter?.[1]]);

  const plotted = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng)).length;

  return (
    <div className="map-wrap">
      <div ref={containerRef} className="map" data-testid={testId} data-base-layer={mode} data-points={plotted} />
      <div className="map-legend">
        {legend.map((item) => (
          <span key={item.label} className="legend-item">
            <span className="legend-dot" style={{ background: item.color }} />
            {item.label}
          </span>
        ))}
        {mode === 'offline' && (
          <span className="legend-item offline-badge" data-testid="map-offline-badge">
            离线底图
          </span>
        )}
        {plotted === 0 && <span className="legend-item muted">{emptyText}</span>}
      </div>
    </div>
  );
}
