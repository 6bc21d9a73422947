import type { VillageType } from '@lookback/contracts';

import type { DivisionVillageKind, TownKind } from './data/division.js';
import { FANGCHENG_TOWNS, FANGCHENG_VILLAGES } from './data/fangcheng.js';
import { distanceKm, FANGCHENG_CENTRE, type Point, placeTownSeats, placeVillages } from './geo.js';
import { villageClans } from './names.js';
import { Rng } from './random.js';

/** Everything the generator decides about a village before it writes any row. */
export interface VillagePlan {
  code: string;
  name: string;
  townCode: string;
  townName: string;
  townKind: TownKind;
  kind: DivisionVillageKind;
  villageType: VillageType;
  /** Households at full county scale; a size scales it down. */
  baseHouseholds: number;
  centre: Point;
  clans: string[];
  /** Share of households that carry one of the clan surnames. */
  clanShare: number;
  /** Has a 第一书记 and 驻村工作队 (every 脱贫村, and some others). */
  hasWorkTeam: boolean;
}

export interface TownPlan {
  code: string;
  name: string;
  kind: TownKind;
  isTownship: boolean;
  seat: Point;
}

/** Share of 村 that are 脱贫村 (former poverty-stricken villages). */
const POOR_VILLAGE_SHARE = 0.25;
/** Share of villages, 脱贫村 included, with a 驻村第一书记. */
const WORK_TEAM_SHARE = 0.4;

/** Radius (km) within which a town's villages lie around its seat. */
function townRadiusKm(kind: TownKind, villageCount: number): number {
  if (kind === '街道') return 1.6;
  if (kind === '其他') return 0.5;
  return Math.min(7, Math.max(2.5, 0.9 * Math.sqrt(villageCount)));
}

function baseHouseholds(rng: Rng, kind: DivisionVillageKind): number {
  // Households per 村 in 豫西南 run from about 60 to 900, median near 380; communities are larger.
  if (kind === '社区') return Math.round(Math.min(2400, Math.max(600, rng.logNormal(1200, 0.35))));
  if (kind === '其他') return rng.int(60, 150);
  return Math.round(Math.min(900, Math.max(60, rng.logNormal(380, 0.45))));
}

let geography: { towns: TownPlan[]; centres: Map<string, Point> } | null = null;

/** Town seats and village centroids: fixed for the county, whatever the seed. */
function countyGeography(): { towns: TownPlan[]; centres: Map<string, Point> } {
  if (geography) return geography;
  const seats = placeTownSeats(FANGCHENG_TOWNS.map((t) => ({ code: t.code, urban: t.kind === '街道' })));
  const towns = FANGCHENG_TOWNS.map((t) => ({ code: t.code, name: t.name, kind: t.kind, isTownship: t.isTownship, seat: seats.get(t.code)! }));
  const centres = new Map<string, Point>();
  for (const town of towns) {
    const codes = FANGCHENG_VILLAGES.filter((v) => v.townCode === town.code).map((v) => v.code);
    for (const [code, p] of placeVillages(town.code, town.seat, codes, townRadiusKm(town.kind, codes.length))) centres.set(code, p);
  }
  geography = { towns, centres };
  return geography;
}

/**
 * Plans all 570 villages for a seed. The plan does not depend on the size, so `demo`, `county`
 * and `tiny` describe the same villages (type, clans, work team) and differ only in households.
 */
export function planCounty(seed: string): { towns: TownPlan[]; villages: VillagePlan[] } {
  const { towns, centres } = countyGeography();
  const townByCode = new Map(towns.map((t) => [t.code, t]));
  const rng = new Rng(`${seed}/villages`);

  const villages: VillagePlan[] = FANGCHENG_VILLAGES.map((v) => {
    const town = townByCode.get(v.townCode)!;
    return {
      code: v.code,
      name: v.name,
      townCode: town.code,
      townName: town.name,
      townKind: town.kind,
      kind: v.kind,
      villageType: '一般村',
      baseHouseholds: baseHouseholds(rng, v.kind),
      centre: centres.get(v.code)!,
      clans: villageClans(rng, v.name),
      clanShare: v.kind === '社区' ? rng.between(0.15, 0.3) : rng.between(0.45, 0.75),
      hasWorkTeam: false,
    };
  });

  // 脱贫村 are only 村, and likelier far from the county town (hills in the north, poorer land).
  const rural = villages.filter((v) => v.kind === '村');
  const farthest = Math.max(...rural.map((v) => distanceKm(v.centre, FANGCHENG_CENTRE)));
  const keyed = rural.map((v) => ({ v, key: rng.float() ** (1 / (0.5 + distanceKm(v.centre, FANGCHENG_CENTRE) / farthest)) }));
  keyed.sort((a, b) => b.key - a.key || a.v.code.localeCompare(b.v.code));
  const poorCount = Math.round(POOR_VILLAGE_SHARE * rural.length);
  keyed.slice(0, poorCount).forEach(({ v }) => (v.villageType = '脱贫村'));

  for (const v of villages) v.hasWorkTeam = v.villageType === '脱贫村';
  const others = rng.shuffle(villages.filter((v) => !v.hasWorkTeam));
  const extra = Math.max(0, Math.round(WORK_TEAM_SHARE * villages.length) - poorCount);
  others.slice(0, extra).forEach((v) => (v.hasWorkTeam = true));

  return { towns, villages };
}
