/**
 * Pure helpers for the village screens, kept out of the components so they are unit-tested.
 */
import type { AssetDto, HouseholdDto, VillageDto } from '@lookback/contracts';
import { formatCount } from './format.js';
import { ASSET_COLOR, FALLBACK_COLOR, HOUSEHOLD_TYPE_COLORS, VILLAGE_TYPE_COLORS } from './map/colors.js';
import { popupHtml } from './map/popup.js';
import type { MapPoint } from './map/types.js';
import { hrefFor } from './router.js';

/** Name search: ignores spaces and matches any part of the village or town name. */
export function filterVillages(villages: readonly VillageDto[], query: string): VillageDto[] {
  const needle = query.replace(/\s+/g, '');
  if (!needle) return [...villages];
  return villages.filter((v) => v.name.includes(needle) || v.townName.includes(needle) || v.code.startsWith(needle));
}

export function villagePoints(villages: readonly VillageDto[]): MapPoint[] {
  return villages.map((v) => ({
    id: v.code,
    lat: v.lat,
    lng: v.lng,
    color: VILLAGE_TYPE_COLORS[v.villageType] ?? FALLBACK_COLOR,
    radius: 7,
    popup: popupHtml(
      `${v.townName} ${v.name}`,
      [
        ['村类型', v.villageType],
        ['总户数', formatCount(v.counts.total)],
        ['脱贫户', formatCount(v.counts.tuopin)],
        ['监测户', formatCount(v.counts.monitored)],
        ['低保户', formatCount(v.counts.dibao)],
      ],
      { href: hrefFor({ name: 'village', code: v.code }), text: '查看详情 →' },
    ),
  }));
}

/** Households without coordinates are left off the map (the table still lists them). */
export function householdPoints(households: readonly HouseholdDto[]): MapPoint[] {
  const points: MapPoint[] = [];
  for (const h of households) {
    if (h.lat === null || h.lng === null) continue;
    points.push({
      id: h.householdNo,
      lat: h.lat,
      lng: h.lng,
      color: HOUSEHOLD_TYPE_COLORS[h.householdType] ?? FALLBACK_COLOR,
      // 监测户 are the first to visit, so they are drawn larger.
      radius: h.householdType === '监测户' ? 7 : 5,
      popup: popupHtml(h.headName, [
        ['户编号', h.householdNo],
        ['户类型', h.householdType],
        ['监测类别', h.monitoringCategory ?? '—'],
        ['家庭人口', `${h.members} 人`],
        ['重点情形', householdFlags(h).join('、') || '—'],
      ]),
    });
  }
  return points;
}

/** Project assets with coordinates, for 项目核查 on the village map. */
export function assetPoints(assets: readonly AssetDto[]): MapPoint[] {
  const points: MapPoint[] = [];
  for (const a of assets) {
    if (a.lat === null || a.lng === null) continue;
    points.push({
      id: `asset:${a.assetCode}`,
      lat: a.lat,
      lng: a.lng,
      color: ASSET_COLOR,
      radius: 8,
      popup: popupHtml(a.name, [
        ['资产编号', a.assetCode],
        ['性质', a.kind],
      ]),
    });
  }
  return points;
}

/** The 重点户 situations a household is in, in the users' words. */
export function householdFlags(h: Pick<HouseholdDto, 'dibao' | 'tekun' | 'severeDisability' | 'seriousIllness' | 'elderlyAlone'>): string[] {
  const flags: string[] = [];
  if (h.dibao) flags.push('低保');
  if (h.tekun) flags.push('特困');
  if (h.severeDisability) flags.push('重度残疾');
  if (h.seriousIllness) flags.push('大病重病');
  if (h.elderlyAlone) flags.push('独居高龄老人');
  return flags;
}
