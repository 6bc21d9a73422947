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
