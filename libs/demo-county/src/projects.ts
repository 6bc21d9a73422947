import type { AssetKind, AssetRecord, ProjectRecord } from '@lookback/contracts';

import { clampToBox, pointInDisc, roundPoint } from './geo.js';
import type { TownPlan, VillagePlan } from './plan.js';
import { Rng, WeightedTable } from './random.js';

/** 项目类型 of 衔接资金 projects. */
export const PROJECT_TYPES = ['产业发展', '基础设施', '就业帮扶', '乡村建设', '金融帮扶'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

interface ProjectTemplate {
  type: ProjectType;
  /** Appended to year and place: 2023年 + 独树镇陈楼村 + 标准化厂房建设项目. */
  label: string;
  /** 资金规模 range (万元), drawn log-uniformly. */
  minWan: number;
  maxWan: number;
  /** The asset a finished project leaves behind (项目资产), if any. */
  asset?: { name: string; kind: AssetKind };
}

const VILLAGE_TEMPLATES: readonly ProjectTemplate[] = [
  { type: '产业发展', label: '标准化厂房建设项目', minWan: 80, maxWan: 500, asset: { name: '标准化厂房', kind: '经营性' } },
  { type: '产业发展', label: '光伏电站建设项目', minWan: 30, maxWan: 200, asset: { name: '光伏电站', kind: '经营性' } },
  { type: '产业发展', label: '食用菌种植大棚建设项目', minWan: 20, maxWan: 150, asset: { name: '食用菌大棚', kind: '经营性' } },
  { type: '产业发展', label: '蔬菜温室大棚建设项目', minWan: 20, maxWan: 150, asset: { name: '蔬菜大棚', kind: '经营性' } },
  { type: '产业发展', label: '艾草加工车间建设项目', minWan: 50, maxWan: 300, asset: { name: '艾草加工车间', kind: '经营性' } },
  { type: '产业发展', label: '冷藏保鲜库建设项目', minWan: 30, maxWan: 200, asset: { name: '冷藏保鲜库', kind: '经营性' } },
  { type: '产业发展', label: '肉牛养殖场建设项目', minWan: 50, maxWan: 300, asset: { name: '肉牛养殖场', kind: '经营性' } },
  { type: '产业发展', label: '丹参种植基地建设项目', minWan: 10, maxWan: 80, asset: { name: '丹参种植基地', kind: '经营性' } },
  { type: '基础设施', label: '产业路建设项目', minWan: 20, maxWan: 200, asset: { name: '产业路', kind: '公益性' } },
  { type: '基础设施', label: '道路硬化项目', minWan: 15, maxWan: 150, asset: { name: '村内硬化道路', kind: '公益性' } },
  { type: '基础设施', label: '安全饮水巩固提升工程', minWan: 10, maxWan: 120, asset: { name: '安全饮水工程', kind: '公益性' } },
  { type: '基础设施', label: '桥涵建设项目', minWan: 10, maxWan: 100, asset: { name: '桥涵', kind: '公益性' } },
  { type: '基础设施', label: '灌溉机井建设项目', minWan: 10, maxWan: 60, asset: { name: '灌溉机井', kind: '公益性' } },
  { type: '基础设施', label: '排水沟渠建设项目', minWan: 10, maxWan: 80, asset: { name: '排水沟渠', kind: '公益性' } },
  { type: '乡村建设', label: '人居环境整治项目', minWan: 10, maxWan: 50 },
  { type: '乡村建设', label: '户厕改造项目', minWan: 10, maxWan: 60 },
  { type: '乡村建设', label: '文化广场建设项目', minWan: 10, maxWan: 60, asset: { name: '文化广场', kind: '公益性' } },
  { type: '乡村建设', label: '太阳能路灯安装项目', minWan: 10, maxWan: 40, asset: { name: '太阳能路灯', kind: '公益性' } },
  { type: '就业帮扶', label: '帮扶车间建设项目', minWan: 50, maxWan: 300, asset: { name: '帮扶车间', kind: '经营性' } },
];

const TOWN_TEMPLATES: readonly ProjectTemplate[] = [
  { type: '就业帮扶', label: '公益性岗位补贴项目', minWan: 20, maxWan: 150 },
  { type: '就业帮扶', label: '脱贫劳动力外出务工交通补助项目', minWan: 10, maxWan: 60 },
  { type: '就业帮扶', label: '雨露计划职业教育补助项目', minWan: 10, maxWan: 80 },
  { type: '金融帮扶', label: '脱贫人口小额信贷贴息项目', minWan: 10, maxWan: 120 },
  { type: '产业发展', label: '产业园区基础设施建设项目', minWan: 100, maxWan: 500 },
  { type: '产业发展', label: '特色种植产业奖补项目', minWan: 20, maxWan: 200 },
  { type: '基础设施', label: '农村公路提升改造项目', minWan: 100, maxWan: 500 },
  { type: '乡村建设', label: '农村人居环境整治提升项目', minWan: 30, maxWan: 200 },
];

/** Assets from earlier years (2016–2021) that a village may still hold. */
const LEGACY_ASSETS: readonly { name: string; kind: AssetKind }[] = [
  { name: '光伏电站', kind: '经营性' },
  { name: '产业路', kind: '公益性' },
  { name: '安全饮水工程', kind: '公益性' },
  { name: '文化广场', kind: '公益性' },
  { name: '扶贫车间', kind: '经营性' },
  { name: '灌溉机井', kind: '公益性' },
  { name: '养殖小区', kind: '经营性' },
];

/** 项目状态 by 年度, as seen in autumn 2023 (the inspections the sources describe). */
const STATUS_BY_YEAR: Record<number, WeightedTable<string>> = {
  2022: new WeightedTable([['已完工', 95], ['在建', 5]]),
  2023: new WeightedTable([['已完工', 60], ['在建', 30], ['未开工', 10]]),
  2024: new WeightedTable([['在建', 30], ['未开工', 70]]),
};

interface Draft {
  year: number;
  townCode: string;
  villageCode: string | null;
  name: string;
  template: ProjectTemplate;
  amountWan: number;
  status: string;
}

function draft(rng: Rng, year: number, town: TownPlan, village: VillagePlan | null, template: ProjectTemplate): Draft {
  const amount = Math.min(500, Math.max(10, rng.logUniform(template.minWan, template.maxWan)));
  return {
    year,
    townCode: town.code,
    villageCode: village?.code ?? null,
    name: `${year}年${town.name}${village?.name ?? ''}${template.label}`,
    template,
    amountWan: Math.round(amount * 100) / 100,
    status: STATUS_BY_YEAR[year].draw(rng),
  };
}

/** 3–6 town-level 2023 projects per township (1–2 in a 街道), plus a few for 2022 and 2024. */
function townDrafts(seed: string, town: TownPlan): Draft[] {
  if (!town.isTownship) return [];
  const rng = new Rng(`${seed}/projects/${town.code}`);
  const out: Draft[] = [];
  const n2023 = town.kind === '街道' ? rng.int(1, 2) : rng.int(3, 6);
  for (const t of rng.shuffle([...TOWN_TEMPLATES]).slice(0, n2023)) out.push(draft(rng, 2023, town, null, t));
  for (const year of [2022, 2024]) if (rng.chance(0.6)) out.push(draft(rng, year, town, null, rng.pick(TOWN_TEMPLATES)));
  return out;
}

/** Village projects: every 脱贫村 has one in 2023 (often two); a third of the others have one. */
function villageDrafts(seed: string, town: TownPlan, village: VillagePlan): Draft[] {
  const rng = new Rng(`${seed}/projects/${village.code}`);
  const poor = village.villageType === '脱贫村';
  const templates = rng.shuffle([...VILLAGE_TEMPLATES]);
  const counts: [number, number][] = [
    [2022, rng.chance(poor ? 0.5 : 0.2) ? 1 : 0],
    [2023, poor ? (rng.chance(0.35) ? 2 : 1) : rng.chance(0.33) ? 1 : 0],
    [2024, rng.chance(poor ? 0.35 : 0.15) ? 1 : 0],
  ];
  const out: Draft[] = [];
  for (const [year, n] of counts) for (let i = 0; i < n; i++) out.push(draft(rng, year, town, village, templates[out.length]));
  return out;
}

/** Assets a village holds: from its finished 2022/2023 projects, topped up with older ones. */
function villageAssets(seed: string, village: VillagePlan, drafts: readonly Draft[]): AssetRecord[] {
  const rng = new Rng(`${seed}/assets/${village.code}`);
  const want = village.villageType === '脱贫村' ? rng.int(2, 4) : rng.int(1, 3);
  const items: { name: string; kind: AssetKind }[] = [];
  for (const d of drafts) {
    const asset = d.template.asset;
    if (asset && d.status === '已完工' && !items.some((a) => a.name === asset.name)) items.push(asset);
  }
  for (const legacy of rng.shuffle([...LEGACY_ASSETS])) {
    if (items.length >= want) break;
    if (!items.some((a) => a.name === legacy.name)) items.push(legacy);
  }
  return items.slice(0, 4).map((a, i) => {
    const p = roundPoint(clampToBox(pointInDisc(rng, village.centre, 1)));
    return { assetCode: `ZC${village.code}${String(i + 1).padStart(2, '0')}`, name: village.name + a.name, kind: a.kind, villageCode: village.code, lng: p.lng, lat: p.lat };
  });
}

/**
 * 衔接资金 projects (mostly 2023, some 2022 and 2024) and project assets for the given towns and
 * villages. 项目编号 = XM + year + 3-digit town code + 3-digit serial within that year and town.
 */
export function projectsAndAssets(
  seed: string,
  towns: readonly TownPlan[],
  villages: readonly VillagePlan[],
): { projects: ProjectRecord[]; assets: AssetRecord[] } {
  const drafts: Draft[] = [];
  const assets: AssetRecord[] = [];
  const townByCode = new Map(towns.map((t) => [t.code, t]));
  for (const town of towns) drafts.push(...townDrafts(seed, town));
  for (const village of villages) {
    const own = villageDrafts(seed, townByCode.get(village.townCode)!, village);
    drafts.push(...own);
    assets.push(...villageAssets(seed, village, own));
  }
  drafts.sort((a, b) => a.year - b.year || a.townCode.localeCompare(b.townCode) || (a.villageCode ?? '').localeCompare(b.villageCode ?? ''));
  const serials = new Map<string, number>();
  const projects = drafts.map((d): ProjectRecord => {
    const key = `${d.year}${d.townCode.slice(6, 9)}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    return {
      projectCode: `XM${key}${String(serial).padStart(3, '0')}`,
      name: d.name,
      year: d.year,
      townCode: d.townCode,
      villageCode: d.villageCode,
      projectType: d.template.type,
      amountWan: d.amountWan,
      status: d.status,
    };
  });
  return { projects, assets };
}
