import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, ScoringError, scoreVillage, validateScheme, type ScoringScheme, type VillageInspection } from './index.js';

const village: VillageInspection = {
  villageCode: '411322107001',
  townCode: '411322107',
  households: 10,
  strata: [
    { stratum: 'monitored', population: 4 },
    { stratum: 'ordinary', population: 6 },
  ],
  visits: [
    { householdNo: 'M1', stratum: 'monitored', findings: [{ type: '住房安全', severity: '较重' }] },
    { householdNo: 'M2', stratum: 'monitored', findings: [] },
    { householdNo: 'O1', stratum: 'ordinary', findings: [] },
    { householdNo: 'O2', stratum: 'ordinary', findings: [] },
  ],
  quiz: [{ cadreNo: 'C1', percent: 70 }],
  documents: [{ code: 'D1', passed: true }],
  interviews: [{ code: 'I1', passed: false }],
};

describe('missing components share their points among the present ones', () => {
  // No projects (15) and no ledger (10): 75 points present, each weight × 100/75.
  // households: B̂ = 0.4·(0.5/2) + 0.6·0 = 0.1 → 90;  quiz 70; documents 100; interviews 0
  // score = (50·90 + 10·70 + 10·100 + 5·0)/75 = (4500 + 700 + 1000)/75 = 82.666…
  it('re-normalises the weights and says so', () => {
    const s = scoreVillage(village, DEFAULT_SCHEME);
    expect(s.score).toBeCloseTo(6200 / 75, 9);
    const households = s.breakdown.find((b) => b.component === 'households')!;
    expect(households.effectiveWeight).toBeCloseTo(200 / 3, 12);
    expect(households.note).toMatch(/missing: 项目资产核查、整改台账/);
    const projects = s.breakdown.find((b) => b.component === 'projects')!;
    expect(projects).toMatchObject({ value: null, effectiveWeight: 0, contribution: 0 });
    expect(projects.note).toMatch(/15 points shared/);
  });

  it('has no interval width when the village was visited whole', () => {
    const whole: VillageInspection = {
      ...village,
      households: 4,
      strata: [
        { stratum: 'monitored', population: 2 },
        { stratum: 'ordinary', population: 2 },
      ],
    };
    const s = scoreVillage(whole, DEFAULT_SCHEME);
    expect(s.interval).toEqual([s.score, s.score]);
  });
});

describe('refusals', () => {
  it('refuses a stratum nobody visited instead of guessing its households', () => {
    const gap = { ...village, visits: village.visits.filter((v) => v.stratum !== 'ordinary') };
    expect(() => scoreVillage(gap, DEFAULT_SCHEME)).toThrow(expect.objectContaining({ code: 'UNVISITED_STRATUM' }));
  });

  it('refuses a household visited twice, an unknown stratum, and an unknown problem type', () => {
    expect(() => scoreVillage({ ...village, visits: [...village.visits, village.visits[0]] }, DEFAULT_SCHEME)).toThrow(/M1/);
    expect(() =>
      scoreVillage({ ...village, visits: [...village.visits, { householdNo: 'X', stratum: 'tuopin', findings: [] }] }, DEFAULT_SCHEME),
    ).toThrow(/tuopin/);
    const odd = [{ householdNo: 'O3', stratum: 'ordinary', findings: [{ type: '户容户貌', severity: '一般' }] }] as unknown as VillageInspection['visits'];
    expect(() => scoreVillage({ ...village, visits: [...village.visits, ...odd] }, DEFAULT_SCHEME)).toThrow(/户容户貌/);
  });

  it('lists everything wrong with a broken scheme and will not score with it', () => {
    const broken = {
      ...DEFAULT_SCHEME,
      version: '',
      components: { ...DEFAULT_SCHEME.components, households: 60 },
      severityWeights: { ...DEFAULT_SCHEME.severityWeights, 严重: -1 },
      maxLedgerPenalty: 120,
    } as ScoringScheme;
    expect(validateScheme(DEFAULT_SCHEME)).toEqual([]);
    expect(validateScheme(broken)).toEqual([
      'version must be a non-empty string',
      'component weights sum to 110, not 100',
      'severityWeights.严重 must be a finite number ≥ 0',
      'maxLedgerPenalty must be between 0 and 100',
    ]);
    expect(() => scoreVillage(village, broken)).toThrow(ScoringError);
  });
});
