import type { CadreRole } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';

import { county, groupBy } from './__fixtures__/counties.js';

describe('every village has its cadres', () => {
  const demo = county('demo');
  const byVillage = groupBy(demo.cadres, (c) => c.villageCode);
  const count = (villageCode: string, role: CadreRole) => byVillage.get(villageCode)!.filter((c) => c.role === role).length;

  it('gives every village one 村党支部书记 and one 乡村振兴专干', () => {
    for (const v of demo.villages) {
      expect(count(v.code, '村党支部书记'), v.name).toBe(1);
      expect(count(v.code, '乡村振兴专干'), v.name).toBe(1);
    }
  });

  it('staffs each village with 3–5 村两委成员, 3–8 网格员 and 3–10 帮扶责任人', () => {
    for (const v of demo.villages) {
      expect(count(v.code, '村两委成员')).toBeGreaterThanOrEqual(3);
      expect(count(v.code, '村两委成员')).toBeLessThanOrEqual(5);
      expect(count(v.code, '网格员')).toBeGreaterThanOrEqual(3);
      expect(count(v.code, '网格员')).toBeLessThanOrEqual(8);
      expect(count(v.code, '帮扶责任人')).toBeGreaterThanOrEqual(3);
      expect(count(v.code, '帮扶责任人')).toBeLessThanOrEqual(10);
    }
  });

  it('sends a 第一书记 with 1–2 驻村工作队员 to every 脱贫村 and to about 40% of all villages', () => {
    let withTeam = 0;
    for (const v of demo.villages) {
      const secretaries = count(v.code, '第一书记');
      const team = count(v.code, '驻村工作队员');
      expect(secretaries).toBeLessThanOrEqual(1);
      if (v.villageType === '脱贫村') expect(secretaries).toBe(1);
      if (secretaries === 1) {
        withTeam++;
        expect(team).toBeGreaterThanOrEqual(1);
        expect(team).toBeLessThanOrEqual(2);
      } else expect(team).toBe(0);
    }
    expect(withTeam / demo.villages.length).toBeGreaterThan(0.35);
    expect(withTeam / demo.villages.length).toBeLessThan(0.45);
  });

  it('gives each cadre a unique number and a unique fake 11-digit mobile number (13x/15x/18x)', () => {
    expect(new Set(demo.cadres.map((c) => c.cadreNo)).size).toBe(demo.cadres.length);
    expect(new Set(demo.cadres.map((c) => c.phone)).size).toBe(demo.cadres.length);
    for (const c of demo.cadres) expect(c.phone).toMatch(/^1[358]\d{9}$/);
  });

  it('never repeats a name within one village', () => {
    for (const list of byVillage.values()) expect(new Set(list.map((c) => c.name)).size).toBe(list.length);
  });
});
