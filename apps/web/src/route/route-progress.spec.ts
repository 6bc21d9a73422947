import type { DayRouteDto, RouteItemDto, RouteVillageDto } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';
import {
  dayClosed,
  distanceTo,
  doneStorageKey,
  formatAccuracy,
  formatDistance,
  nextStop,
  opensAtLabel,
  parseDone,
  routeStops,
  serializeDone,
  sortMyDays,
  toggleDone,
} from './route-progress.js';

const item = (kind: RouteItemDto['kind'], code: string, lat = 33.3, lng = 113.1): RouteItemDto => ({ kind, code, label: code, detail: '', lat, lng, approximate: false, legMeters: 100 });
const village = (seq: number, code: string, items: RouteItemDto[]): RouteVillageDto => ({ seq, villageCode: code, villageName: `村${seq}`, townName: '镇', lat: 33.3, lng: 113.1, legMeters: 1000, items });
const route = (villages: RouteVillageDto[]): DayRouteDto => ({
  planId: 'p',
  planName: '方案',
  commitment: 'c',
  team: { id: 't', name: '第一督查组', startLabel: '县政府', startLat: 33.25, startLng: 113.01, homeTowns: [], members: [], leaderId: null },
  visitDate: '2026-11-24',
  start: { label: '县政府', lat: 33.25, lng: 113.01 },
  villages,
  totalMeters: 5000,
});

describe('the day’s stops in visiting order', () => {
  const day = route([village(1, '411322100201', [item('household', 'H1'), item('project', 'P1')]), village(2, '411322101201', []), village(3, '411322102201', [item('asset', 'A1')])]);

  it('numbers items within their village and keeps a village without items as one stop', () => {
    expect(routeStops(day).map((s) => [s.villageSeq, s.index, s.kind, s.code])).toEqual([
      [1, 1, 'household', 'H1'],
      [1, 2, 'project', 'P1'],
      [2, 0, 'village', '411322101201'],
      [3, 1, 'asset', 'A1'],
    ]);
  });

  it('gives every stop a distinct key even when two villages share an item code', () => {
    const twice = route([village(1, '411322100201', [item('project', 'P1')]), village(2, '411322101201', [item('project', 'P1')])]);
    const keys = routeStops(twice).map((s) => s.key);
    expect(new Set(keys).size).toBe(2);
  });

  it('makes the first stop not yet done the next one, skipping stops done out of order', () => {
    const stops = routeStops(day);
    expect(nextStop(stops, new Set())?.code).toBe('H1');
    expect(nextStop(stops, new Set([stops[0].key]))?.code).toBe('P1');
    expect(nextStop(stops, new Set([stops[0].key, stops[2].key]))?.code).toBe('P1');
    expect(nextStop(stops, new Set(stops.map((s) => s.key)))).toBeNull();
  });
});

describe('distances as the inspector reads them', () => {
  it('shows metres nearby and kilometres further away', () => {
    expect(formatDistance(8.4)).toBe('8 米');
    expect(formatDistance(643)).toBe('640 米');
    expect(formatDistance(999)).toBe('1000 米');
    expect(formatDistance(3240)).toBe('3.2 公里');
    expect(formatDistance(27_400)).toBe('27 公里');
    expect(formatDistance(Number.NaN)).toBe('—');
  });

  it('measures great-circle distance: 0.01° of latitude is about 1.1 km', () => {
    expect(distanceTo({ lat: 33.25, lng: 113.01 }, { lat: 33.26, lng: 113.01 })).toBeGreaterThan(1100);
    expect(distanceTo({ lat: 33.25, lng: 113.01 }, { lat: 33.26, lng: 113.01 })).toBeLessThan(1115);
  });

  it('states the GPS accuracy', () => {
    expect(formatAccuracy(24.6)).toBe('精度约 ±25 米');
    expect(formatAccuracy(Number.NaN)).toBe('精度未知');
  });
});

describe('done ticks survive a reload', () => {
  it('keys the ticks by plan and day', () => {
    expect(doneStorageKey('p1', '2026-11-24')).not.toBe(doneStorageKey('p1', '2026-11-25'));
    expect(doneStorageKey('p1', '2026-11-24')).not.toBe(doneStorageKey('p2', '2026-11-24'));
  });

  it('reads back what it wrote and treats junk as nothing done', () => {
    const done = toggleDone(toggleDone(new Set(), 'a'), 'b');
    expect(parseDone(serializeDone(done))).toEqual(new Set(['a', 'b']));
    expect(parseDone(null)).toEqual(new Set());
    expect(parseDone('{not json')).toEqual(new Set());
    expect(parseDone('{"a":1}')).toEqual(new Set());
    expect(parseDone('["a",3]')).toEqual(new Set(['a']));
  });

  it('unticks a stop ticked by mistake without changing the old set', () => {
    const before = new Set(['a']);
    expect(toggleDone(before, 'a')).toEqual(new Set());
    expect(before).toEqual(new Set(['a']));
  });
});

describe('the list of my days', () => {
  const now = new Date('2026-11-24T00:30:00Z'); // 08:30 in Shanghai on the 24th
  const day = (visitDate: string, open: boolean, teamName = '第一督查组') => ({ visitDate, open, teamName, opensAt: `${visitDate}T06:00:00+08:00` });

  it('puts today’s open day first, then coming days soonest first, then past days', () => {
    const sorted = sortMyDays([day('2026-11-20', true), day('2026-11-26', false), day('2026-11-25', false), day('2026-11-24', true), day('2026-11-22', true)], now);
    expect(sorted.map((d) => d.visitDate)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-22', '2026-11-20']);
  });

  it('uses the Shanghai date, not the UTC one, to tell which day is today', () => {
    const lateEvening = new Date('2026-11-24T17:00:00Z'); // already the 25th, 01:00 in Shanghai
    expect(sortMyDays([day('2026-11-24', true), day('2026-11-25', true)], lateEvening)[0].visitDate).toBe('2026-11-25');
  });

  it('says at what time (Shanghai) a closed day opens', () => {
    expect(opensAtLabel({ opensAt: '2026-11-24T22:00:00.000Z' })).toBe('将于 06:00 开放');
  });

  it('tells a day whose route is no longer served from one still to come', () => {
    const closesAt = '2026-11-26T16:00:00.000Z'; // midnight in Shanghai after the 26th
    expect(dayClosed({ closesAt }, new Date('2026-11-26T15:59:59Z'))).toBe(false);
    expect(dayClosed({ closesAt }, new Date('2026-11-26T16:00:00Z'))).toBe(true);
  });
});
