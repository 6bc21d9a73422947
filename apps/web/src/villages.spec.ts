import type { HouseholdDto, VillageDto } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';
import { ASSET_COLOR, HOUSEHOLD_TYPE_COLORS, VILLAGE_TYPE_COLORS } from './map/colors.js';
import { escapeHtml } from './map/popup.js';
import { townCodeOfVillage } from './regions.js';
import { assetPoints, filterVillages, householdFlags, householdPoints, villagePoints } from './villages.js';

const counts = { total: 120, tuopin: 30, monitored: 4, ordinary: 86, dibao: 9, tekun: 2, severeDisability: 3, seriousIllness: 5, elderlyAlone: 6 };

function village(code: string, name: string, townName: string, villageType: VillageDto['villageType']): VillageDto {
  return { code, name, townCode: `${code.slice(0, 9)}000`, townName, villageType, lng: 113.2, lat: 33.4, counts };
}

function household(no: string, overrides: Partial<HouseholdDto> = {}): HouseholdDto {
  return {
    householdNo: no,
    headName: '张*明',
    householdType: '一般农户',
    monitoringCategory: null,
    dibao: false,
    tekun: false,
    severeDisability: false,
    seriousIllness: false,
    elderlyAlone: false,
    members: 4,
    incomePerCapita: 15000,
    lng: 113.21,
    lat: 33.41,
    ...overrides,
  };
}

const villages = [
  village('411322100001', '张庄村', '城关镇', '脱贫村'),
  village('411322100002', '李楼村', '城关镇', '一般村'),
  village('411322101001', '王店村', '博望镇', '一般村'),
];

describe('village list', () => {
  it('finds villages by part of the name, ignoring spaces', () => {
    expect(filterVillages(villages, ' 张 庄').map((v) => v.code)).toEqual(['411322100001']);
  });

  it('finds every village of a town by the town name', () => {
    expect(filterVillages(villages, '博望').map((v) => v.name)).toEqual(['王店村']);
  });

  it('shows all villages for an empty search', () => {
    expect(filterVillages(villages, '')).toHaveLength(3);
  });

  it('colours village markers by village type and links the popup to the detail page', () => {
    const [first, second] = villagePoints(villages);
    expect(first?.color).toBe(VILLAGE_TYPE_COLORS['脱贫村']);
    expect(second?.color).toBe(VILLAGE_TYPE_COLORS['一般村']);
    expect(first?.popup).toContain('#/villages/411322100001');
    expect(first?.popup).toContain('120');
  });

  it('derives the town code from a 12-digit village code', () => {
    expect(townCodeOfVillage('411322100001')).toBe('411322100000');
    expect(townCodeOfVillage('4113')).toBeNull();
  });
});

describe('household map', () => {
  it('leaves households without coordinates off the map', () => {
    const points = householdPoints([household('H1'), household('H2', { lat: null, lng: null }), household('H3')]);
    expect(points.map((p) => p.id)).toEqual(['H1', 'H3']);
  });

  it('draws monitored households larger and in their own colour', () => {
    const [plain, monitored] = householdPoints([household('H1'), household('H2', { householdType: '监测户', monitoringCategory: '边缘易致贫户' })]);
    expect(monitored?.color).toBe(HOUSEHOLD_TYPE_COLORS['监测户']);
    expect(monitored?.radius).toBeGreaterThan(plain?.radius ?? 0);
    expect(monitored?.popup).toContain('边缘易致贫户');
  });

  it('escapes names from imported files before they reach popup HTML', () => {
    const [point] = householdPoints([household('H1', { headName: '<img src=x onerror=alert(1)>' })]);
    expect(point?.popup).not.toContain('<img');
    expect(point?.popup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('names the 重点户 situations in the users words', () => {
    expect(householdFlags(household('H1', { dibao: true, elderlyAlone: true }))).toEqual(['低保', '独居高龄老人']);
    expect(householdFlags(household('H2'))).toEqual([]);
  });
});

describe('asset map', () => {
  it('plots project assets with coordinates and skips the rest', () => {
    const points = assetPoints([
      { assetCode: 'ZC001', name: '光伏电站', kind: '经营性', villageCode: '411322100001', lng: 113.2, lat: 33.4 },
      { assetCode: 'ZC002', name: '村道', kind: '公益性', villageCode: '411322100001', lng: null, lat: null },
    ]);
    expect(points.map((p) => p.id)).toEqual(['asset:ZC001']);
    expect(points[0]?.color).toBe(ASSET_COLOR);
    expect(points[0]?.popup).toContain('光伏电站');
  });
});
