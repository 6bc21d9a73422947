import { FANGCHENG_HOUSEHOLD, mergeStopRecords, validateStopRecord } from '@lookback/fieldwork';
import { describe, expect, it } from 'vitest';
import { answerItem, completeProblemText, editProblem, newRecord, nextRevision, setFigure, setNotes, setStatus } from './record-edit.js';

const T = FANGCHENG_HOUSEHOLD;
const base = () => newRecord({ planId: 'p', villageCode: '411322100201', stopKind: 'household', stopCode: 'H1', template: T, deviceId: 'phone-a', now: '2026-11-24T01:00:00.000Z' });

describe('editing a stop record on the phone', () => {
  it('raises the revision and stamps each change, so the server merge compares answers by time', () => {
    let r = base();
    const fine = T.items[0].problemWhen === 'yes' ? 'no' : 'yes';
    r = answerItem(r, T.items[0], fine, 'phone-a', '2026-11-24T01:01:00.000Z');
    r = setNotes(r, '户主在家', 'phone-a', '2026-11-24T01:02:00.000Z');
    r = setFigure(r, 'incomePerCapita', 9800, 'phone-a', '2026-11-24T01:03:00.000Z');
    expect(r.revision).toBe(3);
    expect(r.answers[0]).toMatchObject({ itemId: T.items[0].id, value: fine, answeredAt: '2026-11-24T01:01:00.000Z', answeredBy: 'phone-a' });
    expect(r.fieldStamps).toEqual({ notes: { at: '2026-11-24T01:02:00.000Z', by: 'phone-a' }, 'figures.incomePerCapita': { at: '2026-11-24T01:03:00.000Z', by: 'phone-a' } });
    expect(validateStopRecord(r, T)).toEqual([]);
  });

  it('opens a finding on the problem answer; it is valid only with description and severity', () => {
    const item = T.items[1];
    let r = answerItem(base(), item, item.problemWhen, 'phone-a', '2026-11-24T01:01:00.000Z');
    expect(r.answers[0].problem?.problemType).toBe(item.defaultProblemType);
    expect(validateStopRecord(r, T).join()).toMatch(/问题描述不能为空/);
    r = editProblem(r, item.id, { description: '墙体开裂' }, 'phone-a', '2026-11-24T01:02:00.000Z');
    expect(validateStopRecord(r, T).join()).toMatch(/严重程度/);
    r = editProblem(r, item.id, { severity: '较重' }, 'phone-a', '2026-11-24T01:03:00.000Z');
    expect(validateStopRecord(r, T)).toEqual([]);
    // Back to the answer without a problem: the finding goes with it.
    r = answerItem(r, item, item.problemWhen === 'yes' ? 'no' : 'yes', 'phone-a', '2026-11-24T01:04:00.000Z');
    expect(r.answers[0].problem).toBeUndefined();
    expect(validateStopRecord(r, T)).toEqual([]);
  });

  it("continues another phone's record with this phone's own revisions, so the server does not take the edit for a replay", () => {
    const fromB = { ...answerItem(base(), T.items[0], 'yes', 'phone-b', '2026-11-24T01:01:00.000Z'), deviceId: 'phone-b', revision: 7 };
    const server = mergeStopRecords(null, fromB).merged;
    expect(nextRevision(server, 'phone-a')).toBe(1);
    const edited = setStatus(server, 'complete', 'phone-a', '2026-11-24T01:05:00.000Z');
    expect(edited).toMatchObject({ deviceId: 'phone-a', revision: 1 });
    const merged = mergeStopRecords(server, edited).merged;
    expect(merged.status).toBe('complete');
    expect(merged.deviceRevisions).toEqual({ 'phone-b': 7, 'phone-a': 1 });
  });

  it('lists the unanswered items under 还不能标记完成 without repeating "标记为完成"', () => {
    const r = answerItem(setStatus(base(), 'complete', 'phone-a', '2026-11-24T01:02:00.000Z'), T.items[0], T.items[0].problemWhen === 'yes' ? 'no' : 'yes', 'phone-a', '2026-11-24T01:02:00.000Z');
    const unanswered = validateStopRecord(r, T).filter((p) => p.includes('未作答'));
    expect(unanswered).toHaveLength(1);
    const text = completeProblemText(unanswered[0]);
    expect(text).toMatch(/^第 2、3、.*项未作答$/);
    expect(text).not.toContain('标记为完成');
    expect(completeProblemText('第 3 项：问题描述不能为空')).toBe('第 3 项：问题描述不能为空');
  });
});
