import { MONITORING_CATEGORIES } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';

import { county, groupBy, median, share } from './__fixtures__/counties.js';
import { isKnownSurname } from './names.js';

describe('household mix matches a real county', () => {
  const demo = county('demo');
  const hh = demo.households;
  const poorVillages = new Set(demo.villages.filter((v) => v.villageType === '脱贫村').map((v) => v.code));
  const byType = groupBy(hh, (h) => h.householdType);
  const general = byType.get('一般农户')!;
  const poor = byType.get('脱贫户')!;
  const monitored = byType.get('监测户')!;

  it('makes about a quarter of the villages 脱贫村, only among 村', () => {
    expect(poorVillages.size / demo.villages.length).toBeGreaterThan(0.2);
    expect(poorVillages.size / demo.villages.length).toBeLessThan(0.3);
    for (const v of demo.villages) if (v.villageType === '脱贫村') expect(v.name.endsWith('村')).toBe(true);
  });

  it('has mostly 一般农户, 10–25% 脱贫户 and a few percent 监测户', () => {
    expect(general.length / hh.length).toBeGreaterThan(0.7);
    expect(poor.length / hh.length).toBeGreaterThanOrEqual(0.1);
    expect(poor.length / hh.length).toBeLessThanOrEqual(0.25);
    expect(monitored.length / hh.length).toBeGreaterThanOrEqual(0.01);
    expect(monitored.length / hh.length).toBeLessThanOrEqual(0.06);
  });

  it('has more 脱贫户 in 脱贫村 than elsewhere', () => {
    const inPoor = hh.filter((h) => poorVillages.has(h.villageCode));
    const elsewhere = hh.filter((h) => !poorVillages.has(h.villageCode));
    expect(share(inPoor, (h) => h.householdType === '脱贫户')).toBeGreaterThan(1.5 * share(elsewhere, (h) => h.householdType === '脱贫户'));
  });

  it('gives every 监测户 one of the three categories, and no one else a category', () => {
    expect(hh.filter((h) => (h.monitoringCategory === null) !== (h.householdType !== '监测户'))).toEqual([]);
    const categories = new Set(monitored.map((h) => h.monitoringCategory));
    expect([...categories].sort()).toEqual([...MONITORING_CATEGORIES].sort());
  });

  it('concentrates 低保, 特困, 重度残疾, 大病重病 and 独居高龄老人 among 脱贫户 and 监测户', () => {
    const vulnerable = [...poor, ...monitored];
    for (const flag of ['dibao', 'tekun', 'severeDisability', 'seriousIllness', 'elderlyAlone'] as const) {
      const rateGeneral = share(general, (h) => h[flag]);
      const rateVulnerable = share(vulnerable, (h) => h[flag]);
      expect(rateGeneral, flag).toBeGreaterThan(0);
      expect(rateVulnerable, flag).toBeGreaterThan(2.5 * rateGeneral);
    }
    // Conditions overlap: some households carry two or more.
    const count = (h: (typeof hh)[number]) => [h.dibao, h.tekun, h.severeDisability, h.seriousIllness, h.elderlyAlone].filter(Boolean).length;
    expect(vulnerable.some((h) => count(h) >= 2)).toBe(true);
    // 特困供养 and 低保 are exclusive by policy.
    expect(hh.some((h) => h.dibao && h.tekun)).toBe(false);
  });

  it('keeps 1–8 members, and exactly 1 for an elderly person living alone', () => {
    expect(hh.filter((h) => !Number.isInteger(h.members) || h.members < 1 || h.members > 8)).toEqual([]);
    expect(hh.filter((h) => h.elderlyAlone && h.members !== 1)).toEqual([]);
    expect(new Set(hh.map((h) => h.members)).size).toBe(8);
  });

  it('spreads income around medians of about 16,000 / 11,000 / 7,000 元, some below the 7,500 line', () => {
    const near = (value: number, target: number) => Math.abs(value - target) / target;
    expect(near(median(general.map((h) => h.incomePerCapita)), 16_000)).toBeLessThan(0.08);
    expect(near(median(poor.map((h) => h.incomePerCapita)), 11_000)).toBeLessThan(0.08);
    expect(near(median(monitored.map((h) => h.incomePerCapita)), 7_000)).toBeLessThan(0.08);
    expect(share(poor, (h) => h.incomePerCapita < 7_500)).toBeGreaterThan(0.01);
    expect(share(monitored, (h) => h.incomePerCapita < 7_500)).toBeGreaterThan(0.3);
    expect(hh.filter((h) => !(h.incomePerCapita > 0))).toEqual([]);
  });

  it('names heads with common surnames, a village dominated by a few of them', () => {
    expect(hh.filter((h) => !isKnownSurname(h.headName[0]) || h.headName.length < 2 || h.headName.length > 3)).toEqual([]);
    const countyTop3 = topShare(hh.map((h) => h.headName[0]), 3);
    const villages = [...groupBy(hh, (h) => h.villageCode).values()].filter((list) => list.length >= 50);
    const villageTop3 = median(villages.map((list) => topShare(list.map((h) => h.headName[0]), 3)));
    expect(villageTop3).toBeGreaterThan(0.5);
    expect(villageTop3).toBeGreaterThan(countyTop3 + 0.2);
  });

  it('gives a village named after a clan that clan as its most common surname (陈楼村 → 陈)', () => {
    const named = demo.villages.filter((v) => v.name === '陈楼村');
    expect(named.length).toBeGreaterThan(0);
    for (const v of named) {
      const surnames = hh.filter((h) => h.villageCode === v.code).map((h) => h.headName[0]);
      expect(mostCommon(surnames)).toBe('陈');
    }
  });
});

function counts(items: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of items) out.set(s, (out.get(s) ?? 0) + 1);
  return out;
}

function topShare(items: readonly string[], k: number): number {
  const top = [...counts(items).values()].sort((a, b) => b - a).slice(0, k);
  return top.reduce((a, b) => a + b, 0) / items.length;
}

function mostCommon(items: readonly string[]): string {
  return [...counts(items)].sort((a, b) => b[1] - a[1])[0][0];
}
