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

/** 衔接资金项目 on the plan map. */
export const PROJECT_COLOR = '#b7950b';

/** 督查组 colours, in team order: distinct on the map and in print (no two close hues adjacent). */
export const TEAM_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#e67e22', '#17a2b8', '#8c564b', '#e83e8c'] as const;

/** Villages no team visits yet. */
export const UNSCHEDULED_COLOR = '#95a5a6';

export function teamColor(index: number): string {
  return TEAM_COLORS[((index % TEAM_COLORS.length) + TEAM_COLORS.length) % TEAM_COLORS.length];
}
