import { ASSET_KINDS } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';

import { county, groupBy } from './__fixtures__/counties.js';
import { FANGCHENG_TOWNS } from './data/fangcheng.js';
import { PROJECT_TYPES } from './projects.js';

describe('projects and assets look like a 衔接资金 ledger', () => {
  const demo = county('demo');
  const villages = new Map(demo.villages.map((v) => [v.code, v]));
  const towns = new Map(FANGCHENG_TOWNS.map((t) => [t.code, t]));

  it('funds 3–6 town-level 2023 projects in every 镇 and 乡, plus village projects', () => {
    const townLevel2023 = groupBy(demo.projects.filter((p) => p.year === 2023 && p.villageCode === null), (p) => p.townCode);
    for (const t of FANGCHENG_TOWNS.filter((t) => t.kind === '镇' || t.kind === '乡')) {
      expect(townLevel2023.get(t.code)?.length ?? 0, t.name).toBeGreaterThanOrEqual(3);
      expect(townLevel2023.get(t.code)!.length, t.name).toBeLessThanOrEqual(6);
    }
    const village2023 = demo.projects.filter((p) => p.year === 2023 && p.villageCode !== null);
    expect(village2023.length).toBeGreaterThan(demo.villages.length / 4);
    // Every 脱贫村 has a 2023 project.
    const funded = new Set(village2023.map((p) => p.villageCode));
    for (const v of demo.villages) if (v.villageType === '脱贫村') expect(funded.has(v.code), v.name).toBe(true);
  });

  it('is mostly 2023, with some 2022 and 2024 projects', () => {
    const years = groupBy(demo.projects, (p) => String(p.year));
    expect([...years.keys()].sort()).toEqual(['2022', '2023', '2024']);
    expect(years.get('2023')!.length).toBeGreaterThan(years.get('2022')!.length);
    expect(years.get('2023')!.length).toBeGreaterThan(years.get('2024')!.length);
  });

  it('keeps amounts within 10–500 万元, known types and statuses, and consistent codes', () => {
    expect(new Set(demo.projects.map((p) => p.projectCode)).size).toBe(demo.projects.length);
    for (const p of demo.projects) {
      expect(p.amountWan).toBeGreaterThanOrEqual(10);
      expect(p.amountWan).toBeLessThanOrEqual(500);
      expect(PROJECT_TYPES).toContain(p.projectType);
      expect(['已完工', '在建', '未开工']).toContain(p.status);
      expect(p.projectCode).toMatch(new RegExp(`^XM${p.year}${p.townCode.slice(6, 9)}\\d{3}$`));
      expect(p.name.startsWith(`${p.year}年${towns.get(p.townCode)!.name}`)).toBe(true);
      if (p.villageCode) {
        expect(villages.get(p.villageCode)!.townCode).toBe(p.townCode);
        expect(p.name).toContain(villages.get(p.villageCode)!.name);
      }
    }
    const statuses2023 = new Set(demo.projects.filter((p) => p.year === 2023).map((p) => p.status));
    expect([...statuses2023].sort()).toEqual(['在建', '已完工', '未开工']);
  });

  it('gives every village 1–4 named assets, both 经营性 and 公益性 across the county', () => {
    const byVillage = groupBy(demo.assets, (a) => a.villageCode);
    for (const v of demo.villages) {
      const own = byVillage.get(v.code) ?? [];
      expect(own.length, v.name).toBeGreaterThanOrEqual(1);
      expect(own.length, v.name).toBeLessThanOrEqual(4);
      for (const a of own) expect(a.name.startsWith(v.name)).toBe(true);
      expect(new Set(own.map((a) => a.name)).size).toBe(own.length);
    }
    expect(new Set(demo.assets.map((a) => a.assetCode)).size).toBe(demo.assets.length);
    expect([...new Set(demo.assets.map((a) => a.kind))].sort()).toEqual([...ASSET_KINDS].sort());
  });

  it('turns a finished village project into that village’s asset', () => {
    const finished = demo.projects.filter((p) => p.villageCode !== null && p.status === '已完工' && p.name.includes('光伏电站'));
    expect(finished.length).toBeGreaterThan(0);
    for (const p of finished) {
      const v = villages.get(p.villageCode!)!;
      expect(demo.assets.some((a) => a.villageCode === v.code && a.name === `${v.name}光伏电站`)).toBe(true);
    }
  });
});
