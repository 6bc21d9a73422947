import { RoutingError } from './errors.js';
import { haversineMeters, type LatLng } from './geo.js';
import { routeDay } from './route-day.js';

/** A village to inspect, with its workload (e.g. households to visit + projects + assets). */
export interface AssignVillage extends LatLng {
  code: string;
  townCode: string;
  load: number;
}

/** An inspection team (督查组): where its days start, and the towns its members come from. */
export interface AssignTeam {
  id: string;
  start: LatLng;
  /** A team never inspects a town its members come from (回避). */
  homeTowns: readonly string[];
}

export interface VillageAssignment {
  villageCode: string;
  teamId: string;
  /** 0-based index into the visit days. */
  day: number;
}

/**
 * Splits a plan's villages between teams and days:
 * 1. villages of one town stay together (one team inspects a whole town);
 * 2. towns, largest workload first, go to the eligible team (not from that town) with the least
 *    workload so far; ties to the team whose start is nearest the town, then by id;
 * 3. each team's villages are put in route order from its start, and cut into `days` runs of
 *    about equal workload, so a day is a compact trip.
 * Deterministic: same input, same answer.
 */
export function assignVillages(villages: readonly AssignVillage[], teams: readonly AssignTeam[], days: number): VillageAssignment[] {
  if (!teams.length) throw new RoutingError('BAD_OPTION', 'at least one team is needed');
  if (!Number.isInteger(days) || days < 1) throw new RoutingError('BAD_OPTION', `days must be a whole number ≥ 1, got ${days}`);
  const towns = new Map<string, AssignVillage[]>();
  for (const v of villages) towns.set(v.townCode, [...(towns.get(v.townCode) ?? []), v]);
  const groups = [...towns.entries()]
    .map(([townCode, list]) => ({
      townCode,
      list,
      load: list.reduce((sum, v) => sum + v.load, 0),
      centre: { lat: list.reduce((s, v) => s + v.lat, 0) / list.length, lng: list.reduce((s, v) => s + v.lng, 0) / list.length },
    }))
    .sort((a, b) => b.load - a.load || (a.townCode < b.townCode ? -1 : 1));

  const load = new Map(teams.map((t) => [t.id, 0]));
  const byTeam = new Map<string, AssignVillage[]>(teams.map((t) => [t.id, []]));
  for (const group of groups) {
    const eligible = teams.filter((t) => !t.homeTowns.includes(group.townCode));
    if (!eligible.length) throw new RoutingError('BAD_OPTION', `every team comes from town ${group.townCode}: no team may inspect it`);
    eligible.sort(
      (a, b) =>
        load.get(a.id)! - load.get(b.id)! ||
        haversineMeters(a.start, group.centre) - haversineMeters(b.start, group.centre) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const team = eligible[0];
    load.set(team.id, load.get(team.id)! + group.load);
    byTeam.get(team.id)!.push(...group.list);
  }

  const out: VillageAssignment[] = [];
  for (const team of teams) {
    const list = byTeam.get(team.id)!;
    if (!list.length) continue;
    const order = routeDay(team.start, list.map((v) => ({ id: v.code, lat: v.lat, lng: v.lng })), { closed: true }).order;
    const index = new Map(list.map((v) => [v.code, v]));
    const total = list.reduce((sum, v) => sum + v.load, 0);
    let day = 0;
    let carried = 0;
    for (const code of order) {
      const village = index.get(code)!;
      // Move to the next day once this day has its share of the workload.
      if (day < days - 1 && carried > 0 && carried + village.load / 2 > (total * (day + 1)) / days) day++;
      carried += village.load;
      out.push({ villageCode: code, teamId: team.id, day });
    }
  }
  return out.sort((a, b) => (a.villageCode < b.villageCode ? -1 : 1));
}
