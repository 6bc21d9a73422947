import { describe, expect, it } from 'vitest';

import { county } from './__fixtures__/counties.js';
import { FANGCHENG_COUNTY, FANGCHENG_TOWNS, FANGCHENG_VILLAGES } from './data/fangcheng.js';

describe('villages carry the real codes of 方城县', () => {
  const demo = county('demo');

  it('lists 20 town-level units and 570 villages, all with unique 12-digit codes under 411322', () => {
    expect(FANGCHENG_COUNTY).toEqual({ code: '411322000000', name: '方城县' });
    expect(FANGCHENG_TOWNS).toHaveLength(20);
    expect(FANGCHENG_VILLAGES).toHaveLength(570);
    for (const { code } of [...FANGCHENG_TOWNS, ...FANGCHENG_VILLAGES]) expect(code).toMatch(/^411322\d{6}$/);
    expect(new Set(FANGCHENG_VILLAGES.map((v) => v.code)).size).toBe(570);
    // Town codes are the 9-digit statistical codes padded with 000.
    for (const t of FANGCHENG_TOWNS) expect(t.code.endsWith('000')).toBe(true);
  });

  it('puts every village under the town its own code names', () => {
    const towns = new Set(FANGCHENG_TOWNS.map((t) => t.code));
    for (const v of FANGCHENG_VILLAGES) {
      expect(v.townCode).toBe(v.code.slice(0, 9) + '000');
      expect(towns.has(v.townCode)).toBe(true);
    }
  });

  it('drops committee suffixes from names (村民委员会 → 村, 居民委员会 → 社区)', () => {
    for (const v of FANGCHENG_VILLAGES) expect(v.name).not.toMatch(/委员会|村委会|居委会$/);
    const byCode = new Map(FANGCHENG_VILLAGES.map((v) => [v.code, v.name]));
    expect(byCode.get('411322001001')).toBe('新华街社区'); // 新华街城市社区居民委员会
    expect(byCode.get('411322106001')).toBe('凤凰山社区'); // 凤凰山社区居民委员会
    expect(byCode.get('411322108240')).toBe('赵店村'); // 赵店村委会
    expect(FANGCHENG_VILLAGES.filter((v) => v.kind === '村')).toHaveLength(552);
    expect(FANGCHENG_VILLAGES.filter((v) => v.kind === '社区')).toHaveLength(17);
  });

  it('keeps 方城大寺林场 but does not count it as a township', () => {
    const farm = FANGCHENG_TOWNS.find((t) => t.code === '411322401000');
    expect(farm).toMatchObject({ name: '方城大寺林场', kind: '其他', isTownship: false });
    expect(FANGCHENG_TOWNS.filter((t) => t.isTownship)).toHaveLength(19);
  });

  it('writes the real names and codes into the generated villages file', () => {
    expect(demo.county).toEqual({ code: '411322000000', name: '方城县' });
    const towns = new Map(FANGCHENG_TOWNS.map((t) => [t.code, t.name]));
    expect(demo.villages.map((v) => [v.code, v.name, v.townCode])).toEqual(FANGCHENG_VILLAGES.map((v) => [v.code, v.name, v.townCode]));
    for (const v of demo.villages) expect(v.townName).toBe(towns.get(v.townCode));
  });
});
