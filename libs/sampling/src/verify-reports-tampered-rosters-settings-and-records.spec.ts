import { readFileSync } from 'node:fs';
import type { AssetRecord, CadreRecord, HouseholdRecord, ProjectRecord } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';
import type { DrawRecord } from './draw-record.js';
import { draw } from './draw.js';
import { verify } from './verify.js';

const county = JSON.parse(readFileSync(new URL('./__fixtures__/small-county.json', import.meta.url), 'utf8')) as {
  households: HouseholdRecord[];
  projects: ProjectRecord[];
  assets: AssetRecord[];
  cadres: CadreRecord[];
};
const extras = { projects: county.projects, assets: county.assets, cadres: county.cadres };
const honest = (): DrawRecord => JSON.parse(JSON.stringify(draw({ seed: '11223 34455 66123 45612', households: county.households, ...extras })));

describe('verify re-runs a draw and names the first difference', () => {
  it('matches an honest record, with and without the optional inputs, and ignores filled-in question ids', () => {
    const record = honest();
    record.villages[0].quiz[0].questionIds = ['Q-017', 'Q-003'];
    expect(verify(record, county.households)).toEqual({ match: true, unchecked: ['projects', 'assets', 'cadres'] });
    expect(verify(record, [...county.households].reverse(), undefined, extras)).toEqual({ match: true, unchecked: [] });
    expect(verify(record, county.households, undefined, { cadres: county.cadres })).toEqual({ match: true, unchecked: ['projects', 'assets'] });
  });

  it('says a project or interviewee changed in the record was not checked without its file, and finds it with the file', () => {
    const record = honest();
    const village = record.villages.find((v) => v.projects.sample.length > 0 && v.interviewees.length > 0)!;
    village.projects.sample[0] = { ...village.projects.sample[0], code: 'XM-FORGED' };
    village.interviewees[0] = { ...village.interviewees[0], cadreNo: 'GB-FORGED' };
    const trusting = verify(record, county.households);
    expect(trusting).toEqual({ match: true, unchecked: ['projects', 'assets', 'cadres'] });
    const withProjects = verify(record, county.households, undefined, { projects: county.projects });
    expect(withProjects.match).toBe(false);
    expect(!withProjects.match && withProjects.firstDifference).toMatch(/projects\.sample\[0\]/);
    const withCadres = verify(record, county.households, undefined, { cadres: county.cadres });
    expect(!withCadres.match && withCadres.firstDifference).toMatch(/interviewees\[0\]/);
  });

  it('reports a roster in which one household lost its 低保 flag', () => {
    const tampered = county.households.map((h) => (h.householdNo === '3412251000010007' ? { ...h, dibao: !h.dibao } : h));
    const result = verify(honest(), tampered);
    expect(result.match).toBe(false);
    expect(!result.match && result.firstDifference).toMatch(/^snapshotHash: /);
  });

  it('reports settings other than the ones the record was drawn with', () => {
    const result = verify(honest(), county.households, { perVillage: 16 });
    expect(result).toEqual({ match: false, firstDifference: 'settings.perVillage: record has 15, re-run gives 16' });
  });

  it('reports a record whose settings were edited after the draw', () => {
    const record = honest();
    record.settings.strata.ordinary.weight = 3;
    const result = verify(record, county.households);
    expect(result.match).toBe(false);
    expect(!result.match && result.firstDifference).toMatch(/^commitment: /);
  });

  it('reports a drawn household swapped for a reserve, at its exact place', () => {
    const record = honest();
    const village = record.villages[0];
    const reserve = village.strata.find((s) => s.stratum === 'ordinary')!.reserve[0];
    const index = village.sample.findIndex((d) => d.stratum === 'ordinary');
    village.sample[index] = { ...village.sample[index], householdNo: reserve.householdNo };
    expect(verify(record, county.households)).toEqual({
      match: false,
      firstDifference: `villages[0].sample[${index}].householdNo: record has "${reserve.householdNo}", re-run gives "${honest().villages[0].sample[index].householdNo}"`,
    });
  });

  it('reports a swapped project when projects are given, and a record without a revealed seed', () => {
    const record = honest();
    record.villages[0].projects.sample[0].code = 'XM2022-009';
    const result = verify(record, county.households, undefined, extras);
    expect(!result.match && result.firstDifference).toMatch(/^villages\[0\]\.projects\.sample\[0\]\.code: /);
    expect(verify({ ...honest(), seed: null }, county.households)).toEqual({ match: false, firstDifference: 'seed: the record holds no revealed seed' });
  });
});
