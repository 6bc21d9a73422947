import type { TeamDto, VisitDto } from '@lookback/contracts';
import type { Conflict } from '@lookback/fieldwork';
import type { VillageDraw } from '@lookback/sampling';
import { describe, expect, it } from 'vitest';
import { conflictValue, type FieldProgress, itemLabel, notStarted, substitutionRow, teamDays, villageStarted } from './plan-fieldwork.js';

const A = '411322100201';
const B = '411322100202';
const C = '411322100203';
// teamDays and substitutionRow read only the code and name of a draw.
const draws = [
  { villageCode: A, villageName: '张庄村' },
  { villageCode: B, villageName: '李湾村' },
  { villageCode: C, villageName: '王岗村' },
] as VillageDraw[];
const team = (id: string, name: string) => ({ id, name, startLabel: '县城', startLat: 33.2, startLng: 113, homeTowns: [], members: [], leaderId: null }) satisfies TeamDto;
const teams = [team('t2', '第二组'), team('t1', '第一组')];
const progress = (over: Partial<FieldProgress> = {}): FieldProgress => ({
  villages: [
    { villageCode: A, total: 20, complete: 19, substituted: 1, unavailable: 0, inProgress: 0, pending: [], done: true },
    { villageCode: B, total: 18, complete: 5, substituted: 0, unavailable: 1, inProgress: 2, pending: Array.from({ length: 12 }, (_, i) => `household:H${i}`), done: false },
    { villageCode: C, total: 10, complete: 0, substituted: 0, unavailable: 0, inProgress: 0, pending: ['household:y'], done: false },
  ],
  substitutions: [],
  conflicts: [],
  positionFlags: [],
  photos: 0,
  signoffs: [],
  ...over,
});

describe('外业进度 grouped by team-day', () => {
  it('orders days by date then team, counts remaining stops and tells signed from reopened days', () => {
    const visits: VisitDto[] = [
      { villageCode: B, teamId: 't2', visitDate: '2026-11-25' },
      { villageCode: A, teamId: 't1', visitDate: '2026-11-24' },
    ];
    const p = progress({
      signoffs: [
        { teamId: 't1', visitDate: '2026-11-24', names: ['张建国', '李卫东'], signedAt: '2026-11-24T10:00:00.000Z', reopenedAt: null, reopenReason: null },
        { teamId: 't2', visitDate: '2026-11-25', names: ['王秀兰'], signedAt: '2026-11-25T10:00:00.000Z', reopenedAt: '2026-11-25T11:00:00.000Z', reopenReason: '补拍照片' },
      ],
    });
    const groups = teamDays(p, draws, teams, visits);
    expect(groups.map((g) => [g.visitDate, g.teamName, g.villages.map((v) => v.villageName)])).toEqual([
      ['2026-11-24', '第一组', ['张庄村']],
      ['2026-11-25', '第二组', ['李湾村']],
      // Not on the schedule: listed, not dropped.
      [null, null, ['王岗村']],
    ]);
    expect(groups[0].villages[0].remaining).toBe(0);
    expect(groups[1].villages[0].remaining).toBe(18 - 5 - 1);
    expect(groups[0].signoff).toEqual({ kind: 'signed', names: ['张建国', '李卫东'], at: '2026-11-24T10:00:00.000Z' });
    expect(groups[1].signoff).toMatchObject({ kind: 'reopened', reason: '补拍照片', names: ['王秀兰'] });
    expect(groups[2].signoff).toEqual({ kind: 'none' });
  });

  it('is "not started" only while nothing at all has been recorded', () => {
    const untouched = progress({ villages: progress().villages.map((v) => ({ ...v, complete: 0, substituted: 0, unavailable: 0, inProgress: 0, done: false })) });
    expect(notStarted(untouched)).toBe(true);
    expect(notStarted({ ...untouched, photos: 1 })).toBe(false);
    expect(notStarted(progress())).toBe(false);
    // An inspector's partial record (in progress) that synced.
    expect(notStarted({ ...untouched, villages: untouched.villages.map((v) => (v.villageCode === C ? { ...v, inProgress: 1 } : v)) })).toBe(false);
  });

  it('shows a village as started (进行中) once anything of it is stored, an in-progress record too', () => {
    const untouched = progress({ villages: progress().villages.map((v) => ({ ...v, complete: 0, substituted: 0, unavailable: 0, inProgress: 0, done: false })) });
    const village = (p: FieldProgress, code: string) => p.villages.find((v) => v.villageCode === code)!;
    expect(villageStarted(village(untouched, C), untouched)).toBe(false);
    expect(villageStarted(village(progress(), B), progress())).toBe(true);
    // The open household y of 王岗村 has a record in progress (begun on a phone, synced).
    const begun = { ...untouched, villages: untouched.villages.map((v) => (v.villageCode === C ? { ...v, inProgress: 1 } : v)) };
    expect(villageStarted(village(begun, C), begun)).toBe(true);
    expect(villageStarted(village(begun, A), begun)).toBe(false);
    const conflicted = { ...untouched, conflicts: [{ clientId: 'r3', villageCode: C, stopKind: 'household' as const, stopCode: 'y', at: '2026-11-24T02:00:00.000Z', conflict: { kind: 'field' as const, itemId: '$notes', keptDevice: 'b', fromDevice: 'a', kept: '甲', other: '乙', keptAt: '2026-11-24T02:00:00.000Z', otherAt: '2026-11-24T01:00:00.000Z' } }] } satisfies FieldProgress;
    expect(villageStarted(village(conflicted, C), conflicted)).toBe(true);
    const rows = teamDays(begun, draws, teams, []).flatMap((g) => g.villages);
    expect(rows.find((r) => r.villageCode === C)?.started).toBe(true);
    expect(rows.find((r) => r.villageCode === A)?.started).toBe(false);
  });
});

describe('substitutions and conflicts in words', () => {
  it('names the reason, stratum, village and who recorded a substitution', () => {
    const row = substitutionRow(
      { clientId: 'c1', planId: 'p', villageCode: A, absentHouseholdNo: 'H1', reason: 'moved', replacementHouseholdNo: 'H9', stratum: 'must-visit', at: '2026-11-24T02:00:00.000Z', deviceId: 'phone-1', receivedBy: '检查员一' },
      draws,
    );
    expect(row).toMatchObject({ villageName: '张庄村', reason: '已搬迁', stratum: '必访户', absent: 'H1', replacement: 'H9', by: '检查员一（设备 phone-1）' });
  });

  it('shows both answers of a conflict, with the problem recorded, and the item wording', () => {
    const conflict: Conflict = {
      kind: 'answer',
      itemId: 'fc-h-02',
      keptDevice: 'b',
      fromDevice: 'a',
      kept: { itemId: 'fc-h-02', value: 'yes', problem: { description: '房屋墙体开裂', problemType: '住房安全', severity: '较重' } },
      other: { itemId: 'fc-h-02', value: 'no' },
    };
    expect(conflictValue(conflict, 'kept')).toBe('是；问题：房屋墙体开裂（较重）');
    expect(conflictValue(conflict, 'other')).toBe('否');
    const status: Conflict = { kind: 'field', itemId: '$status', keptDevice: 'b', fromDevice: 'a', kept: 'complete', other: 'absent', keptAt: '', otherAt: '' };
    expect([conflictValue(status, 'kept'), conflictValue(status, 'other'), itemLabel('$status', [])]).toEqual(['已完成', '不在家', '状态']);
    const template = { id: 't', version: 1, kind: 'household', title: 'x', source: { document: '', section: '' }, items: [{ id: 'fc-h-02', order: 2, text: '住房是否安全', problemWhen: 'no', defaultProblemType: '住房安全' }] } as const;
    expect(itemLabel('fc-h-02', [template as never])).toBe('2. 住房是否安全');
    expect(itemLabel('unknown-item', [])).toBe('unknown-item');
  });
});
