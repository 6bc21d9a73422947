import type { AssetRecord, CadreRecord, CountyRecord, HouseholdRecord, ProjectRecord } from '@lookback/contracts';
import type { VillageRow } from '@lookback/roster';

import { villageCadres, PhoneBook } from './cadres.js';
import { FANGCHENG_COUNTY } from './data/fangcheng.js';
import { villageHouseholds } from './households.js';
import { planCounty, type TownPlan, type VillagePlan } from './plan.js';
import { projectsAndAssets } from './projects.js';

export type { VillageRow };

/**
 * demo ≈ 60,000 households (the county at 1:4), county ≈ 240,000 (full scale),
 * tiny = 2 towns, 10 villages, ~1,500 households (for tests).
 */
export const COUNTY_SIZES = ['demo', 'county', 'tiny'] as const;
export type CountySize = (typeof COUNTY_SIZES)[number];

export const DEFAULT_SEED = 'fangcheng-2023';

export interface GenerateCountyOptions {
  size: CountySize;
  /** Same seed, same county, row for row. */
  seed?: string;
}

/** A demo county: what a user would import as the five roster files. */
export interface DemoCounty {
  county: CountyRecord;
  villages: VillageRow[];
  households: HouseholdRecord[];
  projects: ProjectRecord[];
  assets: AssetRecord[];
  cadres: CadreRecord[];
}

const TARGET_HOUSEHOLDS: Record<CountySize, number> = { demo: 60_000, county: 240_000, tiny: 1_500 };
/** Below this a village could not give the 15 households an inspection draws. */
const MIN_HOUSEHOLDS = 20;
/** tiny: the first two 镇 in code order, five villages each. */
const TINY_TOWNS = 2;
const TINY_VILLAGES_PER_TOWN = 5;

/** tiny keeps one 脱贫村 per town (when it has one) so every kind of village is present. */
function tinySelection(towns: readonly TownPlan[], villages: readonly VillagePlan[]): { towns: TownPlan[]; villages: VillagePlan[] } {
  const chosen = towns.filter((t) => t.kind === '镇').slice(0, TINY_TOWNS);
  const picked: VillagePlan[] = [];
  for (const town of chosen) {
    const own = villages.filter((v) => v.townCode === town.code);
    const poor = own.filter((v) => v.villageType === '脱贫村').slice(0, 1);
    const rest = own.filter((v) => !poor.includes(v)).slice(0, TINY_VILLAGES_PER_TOWN - poor.length);
    picked.push(...[...poor, ...rest].sort((a, b) => a.code.localeCompare(b.code)));
  }
  return { towns: chosen, villages: picked };
}

/**
 * Generates a realistic demo county for 方城县: real towns, villages and codes (2023 statistical
 * division), simulated coordinates (模拟坐标), and households, projects, assets and cadres drawn
 * from a seeded random source. Pure: same options, same output.
 */
export function generateCounty(options: GenerateCountyOptions): DemoCounty {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!(COUNTY_SIZES as readonly string[]).includes(options.size)) throw new RangeError(`unknown county size "${options.size}"`);
  const plan = planCounty(seed);
  const { towns, villages } = options.size === 'tiny' ? tinySelection(plan.towns, plan.villages) : plan;

  const scale = TARGET_HOUSEHOLDS[options.size] / villages.reduce((sum, v) => sum + v.baseHouseholds, 0);
  const households: HouseholdRecord[] = [];
  const cadres: CadreRecord[] = [];
  const phones = new PhoneBook();
  for (const v of villages) {
    const count = Math.max(MIN_HOUSEHOLDS, Math.round(v.baseHouseholds * scale));
    for (const h of villageHouseholds(seed, v, count)) households.push(h);
    cadres.push(...villageCadres(seed, v, phones));
  }
  const { projects, assets } = projectsAndAssets(seed, towns, villages);

  return {
    county: { code: FANGCHENG_COUNTY.code, name: FANGCHENG_COUNTY.name },
    villages: villages.map((v) => ({
      code: v.code,
      name: v.name,
      townCode: v.townCode,
      townName: v.townName,
      villageType: v.villageType,
      lng: Math.round(v.centre.lng * 1e6) / 1e6,
      lat: Math.round(v.centre.lat * 1e6) / 1e6,
    })),
    households,
    projects,
    assets,
    cadres,
  };
}
