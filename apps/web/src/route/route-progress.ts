/**
 * 今日路线 progress: the day's stops in visiting order, which one is next, how far it is, and the
 * "done" ticks an inspector keeps on the phone. Pure, so the rules are unit-tested in Node.
 */
import { chinaDate, type DayRouteDto, type MyDayDto, type RouteItemDto } from '@lookback/contracts';
import { haversineMeters, type LatLng } from '@lookback/routing';

/** One place to go to: a drawn household, project or asset, or a village that has none of them. */
export interface RouteStop {
  /** Unique within the day; what the done ticks store. */
  key: string;
  villageSeq: number;
  villageCode: string;
  villageName: string;
  /** 1-based position within its village (0: the village itself, when it has no items). */
  index: number;
  kind: RouteItemDto['kind'] | 'village';
  code: string;
  label: string;
  detail: string;
  lat: number;
  lng: number;
  approximate: boolean;
}

export const STOP_KIND_LABELS: Record<RouteStop['kind'], string> = {
  household: '农户',
  project: '项目',
  asset: '资产',
  village: '村',
};

/** Villages in route order, and within each its items in walking order. */
export function routeStops(route: DayRouteDto): RouteStop[] {
  const stops: RouteStop[] = [];
  for (const village of route.villages) {
    const base = { villageSeq: village.seq, villageCode: village.villageCode, villageName: village.villageName };
    if (village.items.length === 0) {
      stops.push({ ...base, key: `${village.villageCode}/village`, index: 0, kind: 'village', code: village.villageCode, label: village.villageName, detail: village.townName, lat: village.lat, lng: village.lng, approximate: false });
      continue;
    }
    village.items.forEach((item, i) => {
      stops.push({ ...base, key: `${village.villageCode}/${item.kind}:${item.code}`, index: i + 1, kind: item.kind, code: item.code, label: item.label, detail: item.detail, lat: item.lat, lng: item.lng, approximate: item.approximate });
    });
  }
  return stops;
}

/** The first stop in route order not yet ticked off; null when the day is done. */
export function nextStop(stops: readonly RouteStop[], done: ReadonlySet<string>): RouteStop | null {
  return stops.find((s) => !done.has(s.key)) ?? null;
}

/** "85 米", "640 米", "3.2 公里", "27 公里": precise nearby, rounded far away (GPS is not better). */
export function formatDistance(meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return '—';
  if (meters < 100) return `${Math.round(meters)} 米`;
  if (meters < 1000) return `${Math.round(meters / 10) * 10} 米`;
  if (meters < 10_000) return `${(meters / 1000).toFixed(1)} 公里`;
  return `${Math.round(meters / 1000)} 公里`;
}

/** Straight-line (great-circle) distance from where the phone is to a stop. */
export function distanceTo(position: LatLng, stop: LatLng): number {
  return haversineMeters(position, stop);
}

/** The browser's accuracy radius, as the inspector reads it: "精度约 ±25 米". */
export function formatAccuracy(meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return '精度未知';
  return `精度约 ±${formatDistance(meters)}`;
}

/** Done ticks are per plan and day: another day of the same plan starts fresh. */
export function doneStorageKey(planId: string, date: string): string {
  return `lookback:route-done:${planId}:${date}`;
}

/** Whatever is stored (nothing, junk from an older version, a full list) reads as a set of keys. */
export function parseDone(raw: string | null): Set<string> {
  if (!raw) return new Set();
  try {
    const value = JSON.parse(raw) as unknown;
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

export function serializeDone(done: ReadonlySet<string>): string {
  return JSON.stringify([...done].sort());
}

/** Flips one stop's tick and answers the new set (the old one is left as it was, for React state). */
export function toggleDone(done: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(done);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/** China has one time zone and no daylight saving: the API's visit days are UTC+8 dates. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** HH:MM of an instant in Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

/** "将于 06:00 开放" for a day whose route is not visible yet. */
export function opensAtLabel(day: Pick<MyDayDto, 'opensAt'>): string {
  return `将于 ${shanghaiTime(day.opensAt)} 开放`;
}

/** Whether a day's route and packet are no longer served (its records are still taken). */
export function dayClosed(day: Pick<MyDayDto, 'closesAt'>, now: Date): boolean {
  return now.getTime() >= Date.parse(day.closesAt);
}

/**
 * Today's open days first (that is what an inspector opens the app for), then the coming days
 * soonest first, then past days latest first.
 */
export function sortMyDays<T extends Pick<MyDayDto, 'visitDate' | 'open' | 'teamName'>>(days: readonly T[], now: Date): T[] {
  const today = chinaDate(now);
  const rank = (d: T) => (d.visitDate === today && d.open ? 0 : d.visitDate >= today ? 1 : 2);
  return [...days].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    const byDate = rank(a) === 2 ? b.visitDate.localeCompare(a.visitDate) : a.visitDate.localeCompare(b.visitDate);
    return byDate || a.teamName.localeCompare(b.teamName, 'zh-CN');
  });
}
