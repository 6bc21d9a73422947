/**
 * A Leaflet map of coloured points (villages or households). circleMarkers on one canvas renderer
 * stay smooth with thousands of points, and avoid Leaflet's default marker images that bundlers break.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import type { BaseLayerMode } from './base-layer.js';
import { createBaseMap, fitPoints } from './base-map.js';
import { toDisplayLatLng, type CoordinateSystem } from './display-coords.js';
import { MapLegend } from './MapLegend.js';
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

export function PointMap({ points, legend, testId, emptyText = '没有可显示坐标的点位', fallbackCenter }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markersRef = useRef<L.LayerGroup | null>(null);
  const [mode, setMode] = useState<BaseLayerMode>('offline');
  const [system, setSystem] = useState<CoordinateSystem>('wgs84');

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const base = createBaseMap(container, { onMode: setMode, onCoordinateSystem: setSystem });
    markersRef.current = L.layerGroup().addTo(base.map);
    mapRef.current = base.map;
    return () => {
      base.dispose();
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
      const at = toDisplayLatLng(p.lat, p.lng, system);
      L.circleMarker(at, { radius: p.radius ?? 7, color: '#ffffff', weight: 1.5, fillColor: p.color, fillOpacity: 0.85 })
        .bindPopup(p.popup)
        .addTo(group);
      bounds.push(at);
    }
    fitPoints(map, bounds, fallbackCenter ? toDisplayLatLng(fallbackCenter[0], fallbackCenter[1], system) : undefined);
  }, [points, system, fallbackCenter?.[0], fallbackCenter?.[1]]);

  const plotted = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng)).length;

  return (
    <div className="map-wrap">
      <div ref={containerRef} className="map" data-testid={testId} data-base-layer={mode} data-coordinate-system={system} data-points={plotted} />
      <MapLegend legend={legend} offline={mode === 'offline'} emptyText={plotted === 0 ? emptyText : null} />
    </div>
  );
}
