import { describe, expect, it } from 'vitest';
import type { MapConfigDto } from '../api.js';
import { chooseBaseLayer, FAILURES_BEFORE_FALLBACK, formatCoordinate, isUsableTileTemplate, tileCorner } from './base-layer.js';

const osm: MapConfigDto = { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' };
const none = { loaded: 0, failed: 0 };

describe('base map fallback', () => {
  it('uses the offline grid when the map configuration could not be fetched', () => {
    expect(chooseBaseLayer(null, none)).toBe('offline');
  });

  it('uses the offline grid when no tile server is configured', () => {
    expect(chooseBaseLayer({ tileUrl: null, attribution: '' }, none)).toBe('offline');
    expect(chooseBaseLayer({ tileUrl: '  ', attribution: '' }, none)).toBe('offline');
  });

  it('refuses a tile template that lacks tile coordinates', () => {
    expect(isUsableTileTemplate('https://example.org/tiles.png')).toBe(false);
    expect(isUsableTileTemplate('https://{s}.example.org/{z}/{x}/{-y}.png')).toBe(true);
  });

  it('starts with online tiles when a tile server is configured', () => {
    expect(chooseBaseLayer(osm, none)).toBe('online');
  });

  it('falls back once several tiles fail and none has loaded (no internet on the county intranet)', () => {
    expect(chooseBaseLayer(osm, { loaded: 0, failed: FAILURES_BEFORE_FALLBACK - 1 })).toBe('online');
    expect(chooseBaseLayer(osm, { loaded: 0, failed: FAILURES_BEFORE_FALLBACK })).toBe('offline');
  });

  it('keeps online tiles when a few tiles fail among many that loaded', () => {
    expect(chooseBaseLayer(osm, { loaded: 40, failed: 6 })).toBe('online');
  });

  it('falls back when most tiles fail even though some loaded', () => {
    expect(chooseBaseLayer(osm, { loaded: 2, failed: 20 })).toBe('offline');
  });
});

describe('offline grid labels', () => {
  it('puts tile 0/0/0 at the north-west corner of the Web Mercator world', () => {
    const corner = tileCorner(0, 0, 0);
    expect(corner.lng).toBe(-180);
    expect(corner.lat).toBeCloseTo(85.0511, 3);
  });

  it('puts the centre tile corner at 0°, 0°', () => {
    const corner = tileCorner(1, 1, 1);
    expect(corner.lng).toBe(0);
    expect(corner.lat).toBeCloseTo(0, 10);
  });

  it('labels coordinates with hemisphere letters and zoom-dependent precision', () => {
    expect(formatCoordinate(33.4012, 113.2534, 12)).toBe('E113.253° N33.401°');
    expect(formatCoordinate(-12.5, -70.25, 4)).toBe('W70.3° S12.5°');
  });
});
