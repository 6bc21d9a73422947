import { describe, expect, it } from 'vitest';
import { VILLAGE_DRAW } from './__fixtures__/village-draw.js';
import { completeRecord, householdRecord, substitution, VILLAGE } from './__fixtures__/records.js';
import { villageProgress, villageStops, type StopRecord } from './index.js';

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${(++n).toString().padStart(12, '0')}`;
const done = (kind: StopRecord['stopKind'], code: string) => completeRecord(kind, code, uuid());

const allButHouseholds = [done('project', 'XM2023-07'), done('asset', 'ZC-0012'), done('interview', 'GB-01'), done('interview', 'GB-07'), done('village', VILLAGE), done('documents', VILLAGE)];

describe('village progress', () => {
  it('lists the stops of the draw: households, projects, assets, interviewees, village and documents', () => {
    expect(villageStops(VILLAGE_DRAW, []).map((s) => `${s.stopKind}:${s.stopCode}`)).toEqual([
      'household:M1',
      'household:M2',
      'household:M3',
      'household:O1',
      'household:O2',
      'project:XM2023-07',
      'asset:ZC-0012',
      'interview:GB-01',
      'interview:GB-07',
      `village:${VILLAGE}`,
      `documents:${VILLAGE}`,
    ]);
  });

  it('is not done while a household is only in progress or recorded absent without a substitution', () => {
    const records = [...allButHouseholds, done('household', 'M1'), done('household', 'M3'), done('household', 'O1'), done('household', 'O2')];
    records.push(householdRecord({ clientId: uuid(), stopCode: 'M2', status: 'absent' }));
    expect(villageProgress(VILLAGE_DRAW, records, [])).toEqual({
      total: 11,
      complete: 10,
      substituted: 0,
      unavailable: 0,
      inProgress: 1,
      pending: ['household:M2'],
      done: false,
    });
  });

  it('counts a substituted household as resolved but then waits for its replacement', () => {
    const records = [...allButHouseholds, done('household', 'M1'), done('household', 'M3'), done('household', 'O1'), done('household', 'O2')];
    const subs = [substitution()];
    expect(villageProgress(VILLAGE_DRAW, records, subs)).toMatchObject({ total: 12, substituted: 1, pending: ['household:M-R1'], done: false });
    records.push(done('household', 'M-R1'));
    expect(villageProgress(VILLAGE_DRAW, records, subs)).toEqual({ total: 12, complete: 11, substituted: 1, unavailable: 0, inProgress: 0, pending: [], done: true });
  });

  it('lets an absent interviewee count as unavailable, and ignores other villages\' records', () => {
    const records = [
      ...allButHouseholds.filter((r) => r.stopCode !== 'GB-07'),
      householdRecord({ clientId: uuid(), stopKind: 'interview', stopCode: 'GB-07', status: 'absent' }),
      ...['M1', 'M2', 'M3', 'O1'].map((h) => done('household', h)),
      { ...done('household', 'O2'), villageCode: '411322100999' },
    ];
    expect(villageProgress(VILLAGE_DRAW, records, [])).toMatchObject({ unavailable: 1, pending: ['household:O2'], done: false });
  });

  it('can leave the village checklist, documents and interviews out of the plan', () => {
    const records = ['M1', 'M2', 'M3', 'O1', 'O2'].map((h) => done('household', h)).concat(done('project', 'XM2023-07'), done('asset', 'ZC-0012'));
    expect(villageProgress(VILLAGE_DRAW, records, [], { village: false, documents: false, interviews: false })).toMatchObject({ total: 7, done: true });
    expect(villageProgress(VILLAGE_DRAW, records, [])).toMatchObject({ done: false });
  });
});
