import { describe, expect, it } from 'vitest';
import { breakdownNoteInChinese, DEFAULT_SCHEME, schemeProblemsInChinese, scoreVillage, validateScheme, type VillageInspection } from './index.js';

describe('what leaders and admins read is Chinese', () => {
  it('translates every note scoreVillage writes', () => {
    const village: VillageInspection = {
      villageCode: '411322100201',
      townCode: '411322100000',
      households: 10,
      strata: [{ stratum: 'ordinary', population: 10 }],
      visits: [
        { householdNo: 'H1', stratum: 'ordinary', findings: [{ type: '住房安全', severity: '一般' }] },
        { householdNo: 'H2', stratum: 'ordinary', findings: [] },
      ],
      quiz: [{ cadreNo: 'C1', percent: 80 }],
      documents: [{ code: 'D1', passed: true }],
      ledger: { asOf: '2026-11-30', items: [{ id: 'L1', deadline: '2026-11-01', completedOn: null }] },
    };
    const notes = scoreVillage(village, DEFAULT_SCHEME).breakdown.map((b) => breakdownNoteInChinese(b.note) ?? '');
    for (const note of notes) expect(note).not.toMatch(/[a-z]{3,}/);
    expect(notes[0]).toBe('入户 2 户，其中 1 户发现问题；90% 区间来自分层抽样估计；缺少项目资产核查、干部访谈，其分值按比例分给已核查的分项');
    expect(notes[5]).toContain('截至 2026-11-30，1 项中 1 项逾期，扣 10 分（每项 10 分，最多 50 分）');
    expect(notes[1]).toBe('未核查项目资产；本项 15 分按比例分给其余分项');
  });

  it('translates the scheme problems an admin can cause', () => {
    const bad = { ...DEFAULT_SCHEME, version: '', components: { ...DEFAULT_SCHEME.components, quiz: -1 }, maxLedgerPenalty: 200 };
    const problems = schemeProblemsInChinese(validateScheme(bad));
    expect(problems).toEqual(['版本号不能为空', '分项“知识测试”的分值应为不小于 0 的数', '各分项分值合计为 90，应为 100', '整改台账最多扣分应在 0 到 100 之间']);
  });
});
