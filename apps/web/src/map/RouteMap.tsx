/**
 * A map of routes: numbered stops, route lines, coloured circles, clustered households and the
 * phone's own position. Takes a plain description (MapScene) in WGS84 and shifts everything for
 * GCJ-02 tiles at drawing time.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
// Needs the global L that Leaflet's UMD build sets, so it comes after the leaflet import.
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import { useEffect, useRef, useState } from 'react';
import type { BaseLayerMode } from './base-layer.js';
import { createBaseMap, fitPoints } from './base-map.js';
import { fromDisplayLatLng, toDisplayLatLng, type CoordinateSystem } from './display-coords.js';
import { MapLegend } from './MapLegend.js';
import { escapeHtml } from './popup.js';
import type { LegendItem, MapScene, MyPosition, NumberedMarker } from './types.js';

interface Props {
  scene: MapScene;
  legend: LegendItem[];
  testId: string;
  /** The view is fitted to these points whenever `key` changes (not on every position update). */
  fit: { key: string; points: [number, number][] };
  me?: MyPosition | null;
  /** When set, a click on the map picks a point (WGS84), e.g. a team's start. */
  onPick?: (lat: number, lng: number) => void;
  emptyText?: string;
  className?: string;
}

function numberedIcon(marker: NumberedMarker): L.DivIcon {
  const size = marker.variant === 'village' ? 34 : marker.variant === 'start' ? 30 : 28;
  const big = marker.highlight ? size + 8 : size;
  const classes = ['stop-marker', `stop-${marker.variant}`, marker.highlight ? 'stop-next' : '', marker.done ? 'stop-done' : ''].filter(Boolean).join(' ');
  return L.divIcon({
    className: classes,
    html: `<span style="background:${escapeHtml(marker.color)}">${escapeHtml(marker.label)}</span>`,
    iconSize: [big, big],
    iconAnchor: [big / 2, big / 2],
    popupAnchor: [0, -big / 2],
  });
}

/** A household marker remembers its colour, so a cluster of them can wear its team's colour. */
type HouseholdMarkerOptions = L.MarkerOptions & { lookbackColor: string };

/** The colour most of the cluster's households have (one team's village, usually all of them). */
function clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
  const counts = new Map<string, number>();
  for (const child of cluster.getAllChildMarkers()) {
    const color = (child.options as HouseholdMarkerOptions).lookbackColor ?? '#7f8c8d';
    counts.set(color, (counts.get(color) ?? 0) + 1);
  }
  const color = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '#7f8c8d';
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : 44;
  return L.divIcon({ className: 'household-cluster', html: `<span style="background:${escapeHtml(color)}">${n}</span>`, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

function householdIcon(color: string): L.DivIcon {
  return L.divIcon({ className: 'household-dot', html: `<span style="background:${escapeHtml(color)}"></span>`, iconSize: [12, 12], iconAnchor: [6, 6] });
}

export function RouteMap({ scene, legend, testId, fit, me, onPick, emptyText = '没有可显示的路线', className = 'map' }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const sceneRef = useRef<L.LayerGroup | null>(null);
  const clusterRef = useRef<L.MarkerClusterGroup | null>(null);
  const meRef = useRef<L.LayerGroup | null>(null);
  const meRendererRef = useRef<L.Renderer | null>(null);
  const [mode, setMode] = useState<BaseLayerMode>('offline');
  const [system, setSystem] = useState<CoordinateSystem>('wgs84');
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const systemRef = useRef(system);
  systemRef.current = system;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const base = createBaseMap(container, { onMode: setMode, onCoordinateSystem: setSystem });
    sceneRef.current = L.layerGroup().addTo(base.map);
    clusterRef.current = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, chunkedLoading: true, spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon }).addTo(base.map);
    // The phone's dot sits above the numbered stops: near the start or a stop it must still show.
    base.map.createPane('me').style.zIndex = '650';
    base.map.getPane('me')!.style.pointerEvents = 'none';
    meRef.current = L.layerGroup().addTo(base.map);
    meRendererRef.current = L.svg({ pane: 'me' });
    base.map.on('click', (event: L.LeafletMouseEvent) => {
      const [lat, lng] = fromDisplayLatLng(event.latlng.lat, event.latlng.lng, systemRef.current);
      pickRef.current?.(lat, lng);
    });
    mapRef.current = base.map;
    return () => {
      base.dispose();
      mapRef.current = null;
      sceneRef.current = null;
      clusterRef.current = null;
      meRef.current = null;
    };
  }, []);

  useEffect(() => {
    const group = sceneRef.current;
    const cluster = clusterRef.current;
    if (!group || !cluster) return;
    group.clearLayers();
    cluster.clearLayers();
    const at = (lat: number, lng: number) => toDisplayLatLng(lat, lng, system);
    for (const line of scene.lines) {
      L.polyline(
        line.points.map(([lat, lng]) => at(lat, lng)),
        { color: line.color, weight: 4, opacity: 0.8, dashArray: line.dashed ? '6 6' : undefined, interactive: false },
      ).addTo(group);
    }
    for (const p of scene.dots) {
      if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) continue;
      L.circleMarker(at(p.lat, p.lng), { radius: p.radius ?? 7, color: '#ffffff', weight: 1.5, fillColor: p.color, fillOpacity: 0.9 })
        .bindPopup(p.popup)
        .addTo(group);
    }
    cluster.addLayers(
      scene.clustered
        .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng))
        .map((p) => L.marker(at(p.lat, p.lng), { icon: householdIcon(p.color), keyboard: false, lookbackColor: p.color } as HouseholdMarkerOptions).bindPopup(p.popup)),
    );
    for (const marker of scene.numbered) {
      const layer = L.marker(at(marker.lat, marker.lng), { icon: numberedIcon(marker), zIndexOffset: marker.highlight ? 1000 : marker.variant === 'village' ? 500 : 0, title: marker.label });
      if (marker.popup) layer.bindPopup(marker.popup);
      if (marker.onClick) layer.on('click', marker.onClick);
      layer.addTo(group);
    }
  }, [scene, system]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    fitPoints(
      map,
      fit.points.filter(([lat, lng]) => Number.isFinite(lat) && Number.isFinite(lng)).map(([lat, lng]) => toDisplayLatLng(lat, lng, system)),
    );
    // Only a new key (or datum) refits: a position update must not yank the view away from the user.
  }, [fit.key, system]);

  useEffect(() => {
    const group = meRef.current;
    if (!group) return;
    group.clearLayers();
    if (!me) return;
    const here = toDisplayLatLng(me.lat, me.lng, system);
    const where = { pane: 'me', renderer: meRendererRef.current ?? undefined, interactive: false };
    L.circle(here, { ...where, radius: me.accuracy, color: '#1a73e8', weight: 1, fillColor: '#1a73e8', fillOpacity: 0.12 }).addTo(group);
    L.circleMarker(here, { ...where, radius: 8, color: '#ffffff', weight: 3, fillColor: '#1a73e8', fillOpacity: 1, className: 'my-position' }).addTo(group);
  }, [me?.lat, me?.lng, me?.accuracy, system]);

  const plotted = scene.numbered.length + scene.dots.length + scene.clustered.length;
  return (
    // The picking class sits on the wrapper: React rewriting the container's className would drop Leaflet's own classes.
    <div className={onPick ? 'map-wrap picking' : 'map-wrap'}>
      <div
        ref={containerRef}
        className={className}
        data-testid={testId}
        data-base-layer={mode}
        data-coordinate-system={system}
        data-routes={scene.lines.length}
        data-numbered={scene.numbered.length}
        data-points={scene.dots.length}
        data-clustered={scene.clustered.length}
        data-me={me ? 'shown' : 'none'}
      />
      <MapLegend legend={legend} offline={mode === 'offline'} emptyText={plotted === 0 ? emptyText : null} />
    </div>
  );
}
