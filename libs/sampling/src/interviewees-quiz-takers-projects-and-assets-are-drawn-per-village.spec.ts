import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AssetRecord, CadreRecord, HouseholdRecord, ProjectRecord } from '@lookback/contracts';
import { describe, expect, it } from 'vitest';
import { draw } from './draw.js';

const county = JSON.parse(readFileSync(new URL('./__fixtures__/small-county.json', import.meta.url), 'utf8')) as {
  households: HouseholdRecord[];
  projects: ProjectRecord[];
  assets: AssetRecord[];
  cadres: CadreRecord[];
};
const seed = '55555 12345';
const record = draw({ seed, ...county });
const byCode = (code: string) => record.villages.find((v) => v.villageCode === code)!;

describe("projects: the village's and its town's projects of the year", () => {
  it("draws 2 of 蒿沟村's three 2023 projects (two own, one town-level), never the 2022 one", () => {
    const v = byCode('341225100001');
    expect(v.projects.eligible).toBe(3);
    expect(v.projects.sample).toHaveLength(2);
    expect(v.projects.sample.every((p) => p.inclusionProbability === '2/3')).toBe(true);
    expect(v.projects.sample.map((p) => p.code)).not.toContain('XM2022-009');
    expect(v.projects.sample[0].ticket < v.projects.sample[1].ticket).toBe(true);
    // 小李庄村 has no project of its own; the town-level one of 蒿沟镇 is eligible.
    expect(byCode('341225100002').projects.sample.map((p) => p.code)).toEqual(['XM2023-003']);
  });

  it('draws with another year and k from the settings', () => {
    const v = draw({ seed, ...county, settings: { projects: { year: 2022, perVillage: 1 } } }).villages[0];
    expect(v.projects.sample.map((p) => p.code)).toEqual(['XM2022-009']);
  });

  it("draws 2 of 蒿沟村's 3 assets", () => {
    expect(byCode('341225100001').assets.sample).toHaveLength(2);
    expect(byCode('341225101003').assets.sample.map((a) => a.code)).toEqual(['ZC-004']);
  });
});

describe('interviewees and quiz takers', () => {
  it('interviews 第一书记, 村党支部书记 and 乡村振兴专干 always, plus one drawn 网格员 and 帮扶责任人', () => {
    const v = byCode('341225100001');
    expect(v.interviewees.filter((i) => i.basis === 'required').map((i) => i.cadreNo)).toEqual(['GB-001', 'GB-004', 'GB-007']);
    const drawn = v.interviewees.filter((i) => i.basis === 'drawn');
    expect(drawn.map((i) => i.role)).toEqual(['网格员', '帮扶责任人']);
    expect(['GB-008', 'GB-009', 'GB-010']).toContain(drawn[0].cadreNo);
  });

  it('interviews the secretary and 专干 where there is no work team', () => {
    const v = byCode('341225101003');
    expect(v.interviewees.map((i) => `${i.role}:${i.basis}`)).toEqual(['村党支部书记:required', '乡村振兴专干:required', '网格员:drawn', '帮扶责任人:drawn']);
  });

  it('quizzes the work team, 村两委, 专干 and the drawn 网格员, each with a quizSeed from seed, village and cadre', () => {
    const v = byCode('341225100001');
    const gridWorker = v.interviewees.find((i) => i.role === '网格员')!.cadreNo;
    expect(v.quiz.map((q) => q.cadreNo)).toEqual(['GB-001', 'GB-002', 'GB-003', 'GB-004', 'GB-005', 'GB-006', 'GB-007', gridWorker]);
    for (const q of v.quiz) {
      expect(q.questionIds).toEqual([]);
      const expected = createHash('sha256').update(`${seed}\u0000quiz/341225100001\u0000${q.cadreNo}`, 'utf8').digest('hex');
      expect(q.quizSeed).toBe(expected);
    }
  });
});
