/** Small route fixtures for the specs of this folder. */
import type { DayRouteDto, RouteItemDto, RouteVillageDto, TeamDto } from '@lookback/contracts';

export const team = (id: string, name: string, startLat = 33.25, startLng = 113.01): TeamDto => ({
  id,
  name,
  startLabel: `${name}驻地`,
  startLat,
  startLng,
  homeTowns: [],
  members: [{ id: `${id}-m`, username: `${id}-user`, displayName: `${name}组员` }],
  leaderId: `${id}-m`,
});

export const item = (kind: RouteItemDto['kind'], code: string, label: string, options: Partial<RouteItemDto> = {}): RouteItemDto => ({
  kind,
  code,
  label,
  detail: kind === 'household' ? '脱贫户' : '种植',
  lat: 33.3,
  lng: 113.1,
  approximate: false,
  legMeters: 120,
  ...options,
});

export const village = (seq: number, code: string, name: string, items: RouteItemDto[]): RouteVillageDto => ({ seq, villageCode: code, villageName: name, townName: '券桥乡', lat: 33.3, lng: 113.1, legMeters: 4000, items });

export const dayRoute = (forTeam: TeamDto, visitDate: string, villages: RouteVillageDto[]): DayRouteDto => ({
  planId: 'plan-1',
  planName: '第一批回头看',
  commitment: 'ab'.repeat(32),
  team: forTeam,
  visitDate,
  start: { label: forTeam.startLabel, lat: forTeam.startLat, lng: forTeam.startLng },
  villages,
  totalMeters: 12_345,
});
