import type { AssetRecord, CadreRecord, HouseholdRecord, ProjectRecord } from '@lookback/contracts';

import type { VillageRow } from '../tables.js';

/** A small, valid roster of one town (方城县 style codes) used across the specs. */
export const villages: VillageRow[] = [
  { code: '411322101001', name: '石门村', townCode: '411322101000', townName: '独树镇', villageType: '脱贫村', lng: 113.0512, lat: 33.2567 },
  { code: '411322101002', name: '砚山铺村', townCode: '411322101000', townName: '独树镇', villageType: '一般村', lng: 113.0733, lat: 33.2391 },
];

export const households: HouseholdRecord[] = [
  {
    householdNo: 'H0001', headName: '张德山', townName: '独树镇', villageName: '石门村', villageCode: '411322101001',
    householdType: '脱贫户', monitoringCategory: null, dibao: true, tekun: false, severeDisability: false, seriousIllness: true, elderlyAlone: false,
    members: 4, incomePerCapita: 9860.5, lng: 113.0521, lat: 33.2571,
  },
  {
    householdNo: 'H0002', headName: '李秀英', townName: '独树镇', villageName: '石门村', villageCode: '411322101001',
    householdType: '监测户', monitoringCategory: '边缘易致贫户', dibao: false, tekun: false, severeDisability: true, seriousIllness: false, elderlyAlone: false,
    members: 3, incomePerCapita: 7500, lng: null, lat: null,
  },
  {
    householdNo: 'H0003', headName: '王老汉', townName: '独树镇', villageName: '砚山铺村', villageCode: '411322101002',
    householdType: '一般农户', monitoringCategory: null, dibao: false, tekun: true, severeDisability: false, seriousIllness: false, elderlyAlone: true,
    members: 1, incomePerCapita: 12000, lng: 113.0741, lat: 33.2388,
  },
];

export const projects: ProjectRecord[] = [
  { projectCode: 'XM2023-001', name: '石门村香菇大棚', year: 2023, townCode: '411322101000', villageCode: '411322101001', projectType: '产业发展', amountWan: 85.5, status: '已完工' },
  { projectCode: 'XM2023-002', name: '独树镇道路硬化', year: 2023, townCode: '411322101000', villageCode: null, projectType: '基础设施', amountWan: 120, status: '在建' },
];

export const assets: AssetRecord[] = [
  { assetCode: 'ZC-001', name: '香菇大棚 12 座', kind: '经营性', villageCode: '411322101001', lng: 113.0502, lat: 33.2555 },
  { assetCode: 'ZC-002', name: '村文化广场', kind: '公益性', villageCode: '411322101002', lng: null, lat: null },
];

export const cadres: CadreRecord[] = [
  { cadreNo: 'GB-001', name: '赵振华', role: '第一书记', villageCode: '411322101001', phone: '13837712345' },
  { cadreNo: 'GB-002', name: '钱明', role: '网格员', villageCode: '411322101002', phone: '0377-67812345' },
  { cadreNo: 'GB-003', name: '孙丽', role: '村两委成员', villageCode: '411322101002', phone: null },
];

export const roster = { villages, households, projects, assets, cadres };
