import type { HouseholdType, VillageType } from '@lookback/contracts';

/** 村类型 colours: 脱贫村 stand out because inspections weigh them more. */
export const VILLAGE_TYPE_COLORS: Record<VillageType, string> = {
  脱贫村: '#c0392b',
  一般村: '#2e6da4',
};

export const HOUSEHOLD_TYPE_COLORS: Record<HouseholdType, string> = {
  监测户: '#d35400',
  脱贫户: '#8e44ad',
  一般农户: '#2e6da4',
};

/** 项目资产 on the village map. */
export const ASSET_COLOR = '#16a085';

export const FALLBACK_COLOR = '#7f8c8d';
