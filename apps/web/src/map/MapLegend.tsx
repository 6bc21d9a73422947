import type { LegendItem } from './types.js';

export function MapLegend({ legend, offline, emptyText }: { legend: LegendItem[]; offline: boolean; emptyText: string | null }) {
  return (
    <div className="map-legend" data-testid="map-legend">
      {legend.map((item) => (
        <span key={item.label} className="legend-item">
          <span className="legend-dot" style={{ background: item.color }} />
          {item.label}
        </span>
      ))}
      {offline && (
        <span className="legend-item offline-badge" data-testid="map-offline-badge">
          离线底图
        </span>
      )}
      {emptyText && <span className="legend-item muted">{emptyText}</span>}
    </div>
  );
}
