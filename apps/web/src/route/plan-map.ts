/**
 * The planner's one-screen view of a plan: villages coloured by the team that visits them, each
 * team-day's route from its start through its villages and back, and the drawn households,
 * projects and assets. Pure: builds the description the map draws.
 */
import type { DayRouteDto, TeamDto, VisitDto } from '@lookback/contracts';
import { ASSET_COLOR, PROJECT_COLOR, teamColor, UNSCHEDULED_COLOR } from '../map/colors.js';
import { popupHtml } from '../map/popup.js';
import type { LegendItem, MapPoint, MapScene, NumberedMarker, RouteLine } from '../map/types.js';
import { STOP_KIND_LABELS } from './route-progress.js';

/** A drawn village with its centre (from the village list). */
export interface PlanVillage {
  code: string;
  name: string;
  townName: string;
  lat: number;
  lng: number;
}

export interface PlanMap {
  scene: MapScene;
  legend: LegendItem[];
  /** Every point drawn, to fit the view. */
  extent: [number, number][];
}

export function teamColors(teams: readonly TeamDto[]): Map<string, string> {
  return new Map(teams.map((team, i) => [team.id, teamColor(i)]));
}

export function planMap(input: { teams: readonly TeamDto[]; visits: readonly VisitDto[]; routes: readonly DayRouteDto[]; villages: readonly PlanVillage[] }): PlanMap {
  const colors = teamColors(input.teams);
  const teamName = new Map(input.teams.map((t) => [t.id, t.name]));
  const visitOf = new Map(input.visits.map((v) => [v.villageCode, v]));

  const dots: MapPoint[] = input.villages.map((village) => {
    const visit = visitOf.get(village.code);
    const team = visit ? teamName.get(visit.teamId) : undefined;
    return {
      id: `village:${village.code}`,
      lat: village.lat,
      lng: village.lng,
      radius: 10,
      color: visit ? (colors.get(visit.teamId) ?? UNSCHEDULED_COLOR) : UNSCHEDULED_COLOR,
      popup: popupHtml(village.name, [
        ['乡镇', village.townName],
        ['督查组', team ?? '未安排'],
        ['走访日', visit?.visitDate ?? '—'],
      ]),
    };
  });

  const lines: RouteLine[] = input.routes.map((route) => ({
    id: `${route.team.id}|${route.visitDate}`,
    color: colors.get(route.team.id) ?? UNSCHEDULED_COLOR,
    points: [[route.start.lat, route.start.lng], ...route.villages.map((v): [number, number] => [v.lat, v.lng]), [route.start.lat, route.start.lng]],
  }));

  const starts: NumberedMarker[] = input.teams.map((team) => ({
    id: `start:${team.id}`,
    lat: team.startLat,
    lng: team.startLng,
    label: '起',
    variant: 'start',
    color: colors.get(team.id) ?? UNSCHEDULED_COLOR,
    popup: popupHtml(`${team.name} 出发点`, [['地点', team.startLabel]]),
  }));

  // Items without coordinates sit on the village centre in the API's answer: they are listed, not drawn.
  const clustered: MapPoint[] = [];
  for (const route of input.routes) {
    for (const village of route.villages) {
      for (const item of village.items) {
        if (item.approximate) continue;
        const point = {
          id: `${village.villageCode}/${item.kind}:${item.code}`,
          lat: item.lat,
          lng: item.lng,
          popup: popupHtml(`${STOP_KIND_LABELS[item.kind]} ${item.code}`, [
            ['名称', item.label],
            ['类别', item.detail],
            ['行政村', village.villageName],
            ['督查组', route.team.name],
          ]),
        };
        if (item.kind === 'household') clustered.push({ ...point, color: colors.get(route.team.id) ?? UNSCHEDULED_COLOR });
        else dots.push({ ...point, radius: 6, color: item.kind === 'project' ? PROJECT_COLOR : ASSET_COLOR });
      }
    }
  }

  const legend: LegendItem[] = [
    ...input.teams.map((team) => ({ label: team.name, color: colors.get(team.id) ?? UNSCHEDULED_COLOR })),
    ...(input.villages.some((v) => !visitOf.has(v.code)) ? [{ label: '未安排', color: UNSCHEDULED_COLOR }] : []),
    { label: '项目', color: PROJECT_COLOR },
    { label: '资产', color: ASSET_COLOR },
  ];
  const extent: [number, number][] = [...dots.map((d): [number, number] => [d.lat, d.lng]), ...starts.map((s): [number, number] => [s.lat, s.lng]), ...clustered.map((c): [number, number] => [c.lat, c.lng])];
  return { scene: { lines, numbered: starts, dots, clustered }, legend, extent };
}
