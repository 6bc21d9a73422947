import { describe, expect, it } from 'vitest';
import { householdRecord } from './__fixtures__/records.js';
import { FieldworkError, mergeStopRecords, type StopRecord } from './index.js';

const first = householdRecord({
  revision: 3,
  answers: [
    { itemId: 'fc-h-02', value: 'yes', problem: { description: '危房住人', problemType: '住房安全', severity: '严重' } },
    { itemId: 'fc-h-05', value: 'no' },
  ],
  notes: '户主在家',
});

describe('a record sent again and again', () => {
  it('is stored once: replaying the same revision three times changes nothing and reports no conflict', () => {
    let server: StopRecord | null = null;
    const results = [];
    for (let k = 0; k < 3; k++) {
      const result = mergeStopRecords(server, structuredClone(first));
      results.push(result);
      server = result.merged;
    }
    expect(results.map((r) => r.conflicts)).toEqual([[], [], []]);
    expect(results[1].merged).toBe(results[0].merged);
    expect(results[2].merged).toBe(results[0].merged);
    expect(server!.answers.map((a) => [a.itemId, a.value, a.answeredBy])).toEqual([
      ['fc-h-02', 'yes', 'device-A'],
      ['fc-h-05', 'no', 'device-A'],
    ]);
    expect(server!.deviceRevisions).toEqual({ 'device-A': 3 });
  });

  it('ignores an older revision from the same device arriving late', () => {
    const stored = mergeStopRecords(null, first).merged;
    const stale = householdRecord({ revision: 2, answers: [{ itemId: 'fc-h-02', value: 'no' }], updatedAt: '2024-06-03T08:55:00.000Z' });
    const result = mergeStopRecords(stored, stale);
    expect(result.merged).toBe(stored);
    expect(result.conflicts).toEqual([]);
  });

  it('takes a newer revision from the same device as the device\'s own correction, without a conflict', () => {
    const stored = mergeStopRecords(null, first).merged;
    const corrected = householdRecord({
      revision: 4,
      updatedAt: '2024-06-03T09:05:00.000Z',
      answers: [{ itemId: 'fc-h-02', value: 'no' }],
      status: 'in-progress',
    });
    const { merged, conflicts } = mergeStopRecords(stored, corrected);
    expect(conflicts).toEqual([]);
    expect(merged.answers.find((a) => a.itemId === 'fc-h-02')).toMatchObject({ value: 'no' });
    expect(merged.answers.find((a) => a.itemId === 'fc-h-02')?.problem).toBeUndefined();
    // Not sent again, so still answered: clearing does not propagate.
    expect(merged.answers.find((a) => a.itemId === 'fc-h-05')).toMatchObject({ value: 'no' });
    expect(merged.notes).toBe('户主在家');
    expect(merged.revision).toBe(4);
  });

  it('refuses to merge copies that disagree on which stop they are', () => {
    const stored = mergeStopRecords(null, first).merged;
    expect(() => mergeStopRecords(stored, householdRecord({ revision: 9, stopCode: 'M2' }))).toThrow(FieldworkError);
  });
});
