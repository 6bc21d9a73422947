import type { HouseholdRecord, HouseholdType, MonitoringCategory } from '@lookback/contracts';

import { clampToBox, offsetKm, type Point, roundPoint } from './geo.js';
import { givenName, SurnameMix } from './names.js';
import type { VillagePlan } from './plan.js';
import { Rng, WeightedTable } from './random.js';

/** Households sit within this distance (km) of their village centroid. */
const HOUSEHOLD_SPREAD_KM = 0.6;

/** Share ranges of 脱贫户 and 监测户 by kind of village; each village draws its own share. */
function typeShares(rng: Rng, plan: VillagePlan): { poor: number; monitored: number } {
  if (plan.kind === '社区') return { poor: rng.between(0.02, 0.06), monitored: rng.between(0.005, 0.02) };
  if (plan.villageType === '脱贫村') return { poor: rng.between(0.2, 0.32), monitored: rng.between(0.03, 0.06) };
  return { poor: rng.between(0.07, 0.16), monitored: rng.between(0.015, 0.04) };
}

const MONITORING = new WeightedTable<MonitoringCategory>([
  ['脱贫不稳定户', 50],
  ['边缘易致贫户', 38],
  ['突发严重困难户', 12],
]);

// 家庭人口数 weights for 1..8 members.
const MEMBERS_GENERAL = new WeightedTable([[1, 6], [2, 20], [3, 20], [4, 25], [5, 17], [6, 8], [7, 3], [8, 1]] as const);
const MEMBERS_POOR = new WeightedTable([[1, 12], [2, 25], [3, 20], [4, 20], [5, 13], [6, 7], [7, 2], [8, 1]] as const);

/**
 * Probabilities of each special condition by household type. The conditions overlap and
 * concentrate among 脱贫户 and 监测户, as they do in the ledgers the sources describe.
 */
const CONDITIONS: Record<HouseholdType, { dibao: number; tekun: number; disability: number; illness: number; elderly: number }> = {
  一般农户: { dibao: 0.015, tekun: 0.003, disability: 0.01, illness: 0.015, elderly: 0.025 },
  脱贫户: { dibao: 0.28, tekun: 0.05, disability: 0.09, illness: 0.1, elderly: 0.09 },
  监测户: { dibao: 0.45, tekun: 0.06, disability: 0.14, illness: 0.22, elderly: 0.07 },
};

/**
 * 人均纯收入 (元/年) before the deductions for 低保/特困 and illness below, which bring the
 * medians to about 16,000 (一般农户), 11,000 (脱贫户) and 7,000 (监测户). 2023 monitoring line: 7,500.
 */
const INCOME: Record<HouseholdType, { median: number; sigma: number }> = {
  一般农户: { median: 16_100, sigma: 0.38 },
  脱贫户: { median: 11_700, sigma: 0.28 },
  监测户: { median: 7_900, sigma: 0.3 },
};
const INCOME_FLOOR = 1_800;

function householdType(rng: Rng, shares: { poor: number; monitored: number }): HouseholdType {
  const x = rng.float();
  if (x < shares.monitored) return '监测户';
  if (x < shares.monitored + shares.poor) return '脱贫户';
  return '一般农户';
}

function householdPoint(rng: Rng, centre: Point): Point {
  // Uniform in radius, not in area: denser near the centre, like a village core.
  const r = HOUSEHOLD_SPREAD_KM * rng.float();
  const a = 2 * Math.PI * rng.float();
  return roundPoint(clampToBox(offsetKm(centre, r * Math.cos(a), r * Math.sin(a))));
}

/**
 * The households (农户) of one village, numbered village code + 4-digit serial. Drawn from a
 * random stream of their own, so a village's households do not depend on any other village.
 */
export function villageHouseholds(seed: string, plan: VillagePlan, count: number): HouseholdRecord[] {
  const rng = new Rng(`${seed}/households/${plan.code}`);
  const shares = typeShares(rng, plan);
  const surnames = new SurnameMix(plan.clans, plan.clanShare);
  const out: HouseholdRecord[] = [];
  for (let serial = 1; serial <= count; serial++) {
    const type = householdType(rng, shares);
    const monitoringCategory = type === '监测户' ? MONITORING.draw(rng) : null;
    const c = CONDITIONS[type];
    const tekun = rng.chance(c.tekun);
    // 特困供养 and 低保 exclude each other; 特困 people mostly live alone.
    const dibao = !tekun && rng.chance(c.dibao);
    const severeDisability = rng.chance(c.disability);
    const seriousIllness = rng.chance(monitoringCategory === '突发严重困难户' ? 0.55 : c.illness);
    const elderlyAlone = rng.chance(tekun ? 0.5 : c.elderly);
    const members = elderlyAlone ? 1 : tekun ? rng.int(1, 2) : (type === '一般农户' ? MEMBERS_GENERAL : MEMBERS_POOR).draw(rng);

    let income = rng.logNormal(INCOME[type].median, INCOME[type].sigma);
    if (dibao || tekun) income *= 0.85;
    if (seriousIllness) income *= 0.85;
    income = Math.max(INCOME_FLOOR, Math.round(income));

    const female = rng.chance(elderlyAlone ? 0.55 : 0.12);
    const point = householdPoint(rng, plan.centre);
    out.push({
      householdNo: plan.code + String(serial).padStart(4, '0'),
      headName: surnames.draw(rng) + givenName(rng, female),
      townName: plan.townName,
      villageName: plan.name,
      villageCode: plan.code,
      householdType: type,
      monitoringCategory,
      dibao,
      tekun,
      severeDisability,
      seriousIllness,
      elderlyAlone,
      members,
      incomePerCapita: income,
      lng: point.lng,
      lat: point.lat,
    });
  }
  return out;
}
