import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, inspectionFromFieldData, ScoringError, scoreVillage, type FieldStop, type VillageFieldData } from './index.js';

const draw = {
  villageCode: '411322100201',
  households: 20,
  strata: [
    { stratum: 'monitored', population: 5, reserve: [{ householdNo: 'M9' }] },
    { stratum: 'ordinary', population: 15, reserve: [{ householdNo: 'O9' }, { householdNo: 'O8' }] },
  ],
  sample: [
    { householdNo: 'M1', stratum: 'monitored' },
    { householdNo: 'M2', stratum: 'monitored' },
    { householdNo: 'O1', stratum: 'ordinary' },
    { householdNo: 'O2', stratum: 'ordinary' },
  ],
};

const stop = (stopKind: string, stopCode: string, answers: FieldStop['answers'], status = 'complete', updatedAt = '2026-11-24T02:00:00.000Z'): FieldStop => ({
  stopKind,
  stopCode,
  status,
  updatedAt,
  answers,
});
const ok = (itemId: string) => ({ itemId, value: 'no' });
const bad = (itemId: string, problemType: string, severity: string) => ({ itemId, value: 'yes', problem: { problemType, severity } });

const data: VillageFieldData = {
  townCode: '411322100000',
  draw,
  stops: [
    stop('household', 'M1', [bad('h1', '住房安全', '严重'), ok('h2')]),
    stop('household', 'M2', [ok('h1'), ok('h2')]),
    stop('household', 'O1', [], 'absent'),
    stop('household', 'O9', [bad('h2', '饮水安全', '一般')]),
    stop('household', 'O2', [ok('h1')], 'in-progress'),
    stop('project', 'P1', [ok('p1'), ok('p2')]),
    stop('asset', 'A1', [bad('a1', '资金项目', '较重')]),
    stop('documents', '411322100201', [ok('d1'), bad('d2', '档卡资料', '一般'), { itemId: 'd3', value: 'na' }]),
    stop('interview', 'GB1', [ok('i1'), ok('i2')]),
  ],
  substitutions: [{ absentHouseholdNo: 'O1', replacementHouseholdNo: 'O9', stratum: 'ordinary' }],
  quiz: [
    { cadreNo: 'GB1', percent: 80 },
    { cadreNo: 'GB2', percent: 60 },
  ],
  ledger: { asOf: '2026-11-30', items: [{ id: 'L1', deadline: '2026-11-29', completedOn: null }] },
};

describe('field records become a village inspection', () => {
  const inspection = inspectionFromFieldData(data);

  it('counts complete household stops as visits in their stratum; a reserve takes the stratum it replaced', () => {
    expect(inspection.visits).toEqual([
      { householdNo: 'M1', stratum: 'monitored', findings: [{ type: '住房安全', severity: '严重' }] },
      { householdNo: 'M2', stratum: 'monitored', findings: [] },
      { householdNo: 'O9', stratum: 'ordinary', findings: [{ type: '饮水安全', severity: '一般' }] },
    ]);
    expect(inspection.strata).toEqual([
      { stratum: 'monitored', population: 5 },
      { stratum: 'ordinary', population: 15 },
    ]);
    expect(inspection.households).toBe(20);
  });

  it('turns projects and assets into pass/fail checks, and document and interview items into one check each (不适用 left out)', () => {
    expect(inspection.projects).toEqual([
      { code: 'project:P1', passed: true },
      { code: 'asset:A1', passed: false },
    ]);
    expect(inspection.documents).toEqual([
      { code: 'documents:411322100201:d1', passed: true },
      { code: 'documents:411322100201:d2', passed: false },
    ]);
    expect(inspection.interviews).toHaveLength(2);
    expect(inspection.quiz).toEqual(data.quiz);
    expect(inspection.ledger?.items).toHaveLength(1);
  });

  it('scores as the library says: 严重 住房安全 makes M1 a fully failed household', () => {
    const score = scoreVillage(inspection, DEFAULT_SCHEME);
    // monitored: (1 + 0)/2 = 0.5 × 5/20; ordinary: 0.2 × 15/20 → B̂ = 0.125 + 0.15 = 0.275
    expect(score.householdEstimate?.meanBurden).toBeCloseTo(0.275, 12);
    const projects = score.breakdown.find((b) => b.component === 'projects')!;
    expect(projects.value).toBe(50);
    const ledger = score.breakdown.find((b) => b.component === 'ledger')!;
    expect(ledger.value).toBe(90);
  });

  it('combines two phones’ records of one stop item by item, the later answer winning', () => {
    const twice = inspectionFromFieldData({
      ...data,
      stops: [
        stop('household', 'M1', [bad('h1', '住房安全', '严重'), ok('h2')], 'in-progress', '2026-11-24T01:00:00.000Z'),
        stop('household', 'M1', [ok('h1'), bad('h3', '教育帮扶', '一般')], 'complete', '2026-11-24T03:00:00.000Z'),
      ],
    });
    expect(twice.visits).toEqual([{ householdNo: 'M1', stratum: 'monitored', findings: [{ type: '教育帮扶', severity: '一般' }] }]);
  });

  it('refuses a household that was neither drawn nor a reserve', () => {
    expect(() => inspectionFromFieldData({ ...data, stops: [stop('household', 'X1', [])] })).toThrow(ScoringError);
  });

  it('leaves a village with an unvisited stratum to scoring, which refuses to guess it', () => {
    const partial = inspectionFromFieldData({ ...data, stops: [stop('household', 'M1', [])] });
    expect(() => scoreVillage(partial, DEFAULT_SCHEME)).toThrow(/No household visited in stratum ordinary/);
  });
});
