/**
 * 离线底图: a light coordinate grid drawn on canvas, shown when no tile server is configured or
 * reachable, and underneath online tiles so a missing tile shows the grid instead of a hole.
 */
import L from 'leaflet';
import { formatCoordinate, tileCorner } from './base-layer.js';

export const OFFLINE_ATTRIBUTION = '离线底图';

class OfflineGridLayer extends L.GridLayer {
  override createTile(coords: L.Coords): HTMLElement {
    const tile = document.createElement('canvas');
    const size = this.getTileSize();
    const ratio = window.devicePixelRatio || 1;
    tile.width = size.x * ratio;
    tile.height = size.y * ratio;
    const ctx = tile.getContext('2d');
    if (!ctx) return tile;
    ctx.scale(ratio, ratio);
    ctx.fillStyle = '#f4f2ec';
    ctx.fillRect(0, 0, size.x, size.y);
    // Finer guide lines at quarters keep a sense of scale when zoomed in.
    ctx.strokeStyle = '#e6e1d6';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const f of [0.25, 0.5, 0.75]) {
      ctx.moveTo(size.x * f + 0.5, 0);
      ctx.lineTo(size.x * f + 0.5, size.y);
      ctx.moveTo(0, size.y * f + 0.5);
      ctx.lineTo(size.x, size.y * f + 0.5);
    }
    ctx.stroke();
    ctx.strokeStyle = '#cfc8b8';
    ctx.beginPath();
    ctx.moveTo(0.5, 0);
    ctx.lineTo(0.5, size.y);
    ctx.moveTo(0, 0.5);
    ctx.lineTo(size.x, 0.5);
    ctx.stroke();
    const corner = tileCorner(coords.x, coords.y, coords.z);
    ctx.fillStyle = '#8a8273';
    ctx.font = '11px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
    ctx.fillText(formatCoordinate(corner.lat, corner.lng, coords.z), 4, 14);
    return tile;
  }
}

export function createOfflineLayer(): L.GridLayer {
  return new OfflineGridLayer({ attribution: OFFLINE_ATTRIBUTION, zIndex: 0, className: 'offline-grid' });
}
