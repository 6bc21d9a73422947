export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  color: string;
  radius?: number;
  /** Escaped HTML (see popup.ts). */
  popup: string;
}

export interface LegendItem {
  color: string;
  label: string;
}

/** A numbered stop (L.divIcon): villages 1..n, the items of a village 1..m, the start point. */
export interface NumberedMarker {
  id: string;
  lat: number;
  lng: number;
  /** The text in the badge: "1", "2", or "起" for the start. */
  label: string;
  variant: 'start' | 'village' | 'item';
  color: string;
  /** The next stop: drawn larger and pulsing. */
  highlight?: boolean;
  done?: boolean;
  /** Escaped HTML (see popup.ts). */
  popup?: string;
  onClick?: () => void;
}

export interface RouteLine {
  id: string;
  /** WGS84 [lat, lng] in drawing order. */
  points: [number, number][];
  color: string;
  dashed?: boolean;
}

/** Everything a route map draws, in WGS84; the map shifts it for GCJ-02 tiles. */
export interface MapScene {
  lines: RouteLine[];
  numbered: NumberedMarker[];
  /** Coloured circles (villages by team, projects, assets). */
  dots: MapPoint[];
  /** Many small markers (households of a whole county), clustered so the map stays smooth. */
  clustered: MapPoint[];
}

/** The phone's position from the browser's geolocation, WGS84. */
export interface MyPosition {
  lat: number;
  lng: number;
  accuracy: number;
}
