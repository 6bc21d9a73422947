import { describe, expect, it } from 'vitest';
import { householdRecord } from './__fixtures__/records.js';
import { duplicateStops, mergeStopRecords, type StopRecord } from './index.js';

// Two inspectors share record X: A started it, B downloaded it and both went on offline.
const aRev1 = householdRecord({
  revision: 1,
  updatedAt: '2024-06-03T09:00:00.000Z',
  answers: [
    { itemId: 'fc-h-01', value: 'no', answeredAt: '2024-06-03T09:00:00.000Z', answeredBy: 'device-A' },
    { itemId: 'fc-h-02', value: 'no', answeredAt: '2024-06-03T09:00:00.000Z', answeredBy: 'device-A' },
  ],
});
const bRev2 = householdRecord({
  deviceId: 'device-B',
  revision: 2,
  updatedAt: '2024-06-03T09:20:00.000Z',
  answers: [
    { itemId: 'fc-h-01', value: 'no', answeredAt: '2024-06-03T09:00:00.000Z', answeredBy: 'device-A' },
    {
      itemId: 'fc-h-02',
      value: 'yes',
      problem: { description: '厨房屋顶漏雨', problemType: '住房安全', severity: '较重' },
      answeredAt: '2024-06-03T09:20:00.000Z',
      answeredBy: 'device-B',
    },
    { itemId: 'fc-h-05', value: 'no', answeredAt: '2024-06-03T09:18:00.000Z', answeredBy: 'device-B' },
  ],
  notes: '饮水已入户',
  fieldStamps: { notes: { at: '2024-06-03T09:18:00.000Z', by: 'device-B' } },
});
const aRev2 = householdRecord({
  revision: 2,
  updatedAt: '2024-06-03T09:10:00.000Z',
  answers: [
    { itemId: 'fc-h-01', value: 'no', answeredAt: '2024-06-03T09:00:00.000Z', answeredBy: 'device-A' },
    { itemId: 'fc-h-02', value: 'no', answeredAt: '2024-06-03T09:00:00.000Z', answeredBy: 'device-A' },
    { itemId: 'fc-h-09', value: 'na', answeredAt: '2024-06-03T09:10:00.000Z', answeredBy: 'device-A' },
  ],
  notes: '户主外出务工，妻子在家',
  fieldStamps: { notes: { at: '2024-06-03T09:10:00.000Z', by: 'device-A' } },
});

function replay(copies: StopRecord[]): { server: StopRecord; conflicts: ReturnType<typeof mergeStopRecords>['conflicts'] } {
  let server: StopRecord | null = null;
  const conflicts = [];
  for (const copy of copies) {
    const result = mergeStopRecords(server, structuredClone(copy));
    server = result.merged;
    conflicts.push(...result.conflicts);
  }
  return { server: server!, conflicts };
}

const answerMap = (r: StopRecord) => Object.fromEntries(r.answers.map((a) => [a.itemId, a.value]));

describe('interleaved edits from two devices', () => {
  it('keep every answer: the later one as the value, the other as a stored conflict', () => {
    const { server, conflicts } = replay([aRev1, bRev2, aRev2]);
    expect(answerMap(server)).toEqual({ 'fc-h-01': 'no', 'fc-h-02': 'yes', 'fc-h-05': 'no', 'fc-h-09': 'na' });
    const answerConflicts = conflicts.filter((c) => c.kind === 'answer');
    expect(answerConflicts).toHaveLength(1);
    expect(answerConflicts[0]).toMatchObject({
      itemId: 'fc-h-02',
      kept: { value: 'yes', answeredBy: 'device-B' },
      other: { value: 'no', answeredBy: 'device-A' },
      keptDevice: 'device-B',
      fromDevice: 'device-A',
    });
    // The notes differ too: B's later note is kept and A's is stored, not lost.
    expect(server.notes).toBe('饮水已入户');
    expect(conflicts.filter((c) => c.kind === 'field')).toMatchObject([{ itemId: '$notes', kept: '饮水已入户', other: '户主外出务工，妻子在家', fromDevice: 'device-A' }]);
    expect(server.conflicts).toEqual(conflicts);
  });

  it('reach the same answers and the same conflicts whatever order the copies arrive in', () => {
    const orders = [
      [aRev1, bRev2, aRev2],
      [aRev1, aRev2, bRev2],
      [bRev2, aRev1, aRev2],
      [aRev2, bRev2, aRev1],
    ];
    const outcomes = orders.map((o) => replay(o).server);
    const key = (r: StopRecord) => ({
      answers: r.answers,
      notes: r.notes,
      conflicts: [...(r.conflicts ?? [])].map((c) => JSON.stringify(c)).sort(),
    });
    for (const outcome of outcomes.slice(1)) expect(key(outcome)).toEqual(key(outcomes[0]));
  });

  it('do not record the same conflict twice when a copy is replayed after the other device\'s', () => {
    const once = replay([aRev1, bRev2, aRev2]);
    const again = replay([aRev1, bRev2, aRev2, bRev2, aRev2, { ...aRev2, revision: 3, updatedAt: '2024-06-03T09:30:00.000Z' }]);
    expect(again.server.conflicts).toHaveLength(once.server.conflicts!.length);
  });

  it('keep both records when two devices start the same household under different ids, and flag them', () => {
    const a = householdRecord();
    const b = householdRecord({ clientId: '9b2d6f10-1c3e-4a5b-8c7d-6e5f4a3b2c1d', deviceId: 'device-B' });
    const other = householdRecord({ clientId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', stopCode: 'M3' });
    expect(duplicateStops([a, b, other])).toEqual([
      {
        planId: a.planId,
        villageCode: a.villageCode,
        stopKind: 'household',
        stopCode: 'M1',
        clientIds: [a.clientId, b.clientId].sort(),
        deviceIds: ['device-A', 'device-B'],
      },
    ]);
    expect(duplicateStops([a, a, other])).toEqual([]);
  });
});
