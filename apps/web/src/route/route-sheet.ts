/**
 * 路线单: the printed route of one team-day. A sheet of paper can be lost in a village, so
 * household heads' names are masked on it whoever prints it (the inspector's screen shows them).
 */
import { type DayRouteDto, maskName } from '@lookback/contracts';
import { STOP_KIND_LABELS } from './route-progress.js';

export interface SheetStop {
  /** "1-2": village 1, its second stop. */
  no: string;
  kind: string;
  code: string;
  label: string;
  detail: string;
  /** No coordinates of its own: go to the village and ask. */
  approximate: boolean;
}

export interface SheetVillage {
  seq: number;
  name: string;
  townName: string;
  code: string;
  legMeters: number;
  stops: SheetStop[];
}

export interface RouteSheet {
  planName: string;
  teamName: string;
  members: string;
  visitDate: string;
  startLabel: string;
  commitment: string;
  totalMeters: number;
  villages: SheetVillage[];
  households: number;
}

export function routeSheet(route: DayRouteDto): RouteSheet {
  const villages = route.villages.map((village) => ({
    seq: village.seq,
    name: village.villageName,
    townName: village.townName,
    code: village.villageCode,
    legMeters: village.legMeters,
    stops: village.items.map((item, i) => ({
      no: `${village.seq}-${i + 1}`,
      kind: STOP_KIND_LABELS[item.kind],
      code: item.code,
      label: item.kind === 'household' ? maskName(item.label) : item.label,
      detail: item.detail,
      approximate: item.approximate,
    })),
  }));
  return {
    planName: route.planName,
    teamName: route.team.name,
    members: route.team.members.map((m) => m.displayName).join('、'),
    visitDate: route.visitDate,
    startLabel: route.start.label,
    commitment: route.commitment,
    totalMeters: route.totalMeters,
    villages,
    households: route.villages.reduce((n, v) => n + v.items.filter((i) => i.kind === 'household').length, 0),
  };
}
