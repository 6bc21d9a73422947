import 'fake-indexeddb/auto';
import { FANGCHENG_HOUSEHOLD, type StopRecord, validateStopRecord } from '@lookback/fieldwork';
import { beforeEach, describe, expect, it } from 'vitest';
import { type FieldDb, openFieldDb } from './db.js';
import { type FieldTransport, Outbox, sendableRecord } from './outbox.js';
import { answerItem, editProblem, newRecord, setNotes } from './record-edit.js';
import { findStopRecord, savePhoto, saveRecord, saveStopEdit, type StopEdit } from './store.js';
import type { SyncResult } from './types.js';

const PLAN = '7d0c6a5e-1111-4222-8333-944455556666';
const DATE = '2026-11-24';
const DAY = `${PLAN}/${DATE}`;
const DEVICE = 'phone-test-0001';
const T = FANGCHENG_HOUSEHOLD;
const STOP = { villageCode: '411322100201', stopKind: 'household' as const, stopCode: '4113221002010001' };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 1, minute)).toISOString();

/** What one open editor hands the store: built on its own (possibly stale or absent) copy. */
function editFrom(tabCopy: StopRecord | null, edit: (r: StopRecord) => StopRecord): StopEdit {
  return { stop: STOP, clientId: tabCopy?.clientId ?? null, create: () => newRecord({ planId: PLAN, ...STOP, template: T, deviceId: DEVICE, now: at(0) }), edit, template: T };
}

/** A server that refuses what the API refuses (validateStopRecord), and records the order of calls. */
class ValidatingServer implements FieldTransport {
  records = new Map<string, StopRecord>();
  calls: string[] = [];
  async sync(_p: string, _d: string, body: { records: StopRecord[] }): Promise<SyncResult> {
    this.calls.push('sync');
    const result: SyncResult = { acknowledged: { records: [], substitutions: [] }, rejected: [], conflicts: 0 };
    for (const r of body.records) {
      const problems = validateStopRecord(r, T);
      if (problems.length) result.rejected.push({ clientId: r.clientId, problems });
      else {
        this.records.set(r.clientId, r);
        result.acknowledged.records.push(r.clientId);
      }
    }
    return result;
  }
  async photo(): Promise<void> {
    this.calls.push('photo');
  }
  async quiz(): Promise<never> {
    throw new Error('not used');
  }
  async signOff(): Promise<void> {
    this.calls.push('signoff');
  }
  async reopen(): Promise<void> {
    this.calls.push('reopen');
  }
}

let db: FieldDb;
beforeEach(async () => {
  db = await openFieldDb(`stop-edits-${crypto.randomUUID()}`);
});

describe('two tabs editing one stop', () => {
  it('keep one record: each change is applied to the stored record, with its clientId, revision + 1', async () => {
    // A second connection to the same database, as a second tab has.
    const other = await openFieldDb(db.name);
    const [i1, i2, i3] = T.items;
    // Neither tab has a record yet when it starts.
    const a1 = await saveStopEdit(db, null, DAY, editFrom(null, (r) => answerItem(r, i1, 'no', DEVICE, at(1))));
    const b1 = await saveStopEdit(other, null, DAY, editFrom(null, (r) => answerItem(r, i2, 'no', DEVICE, at(2))));
    const a2 = await saveStopEdit(db, null, DAY, editFrom(a1, (r) => answerItem(r, i3, 'no', DEVICE, at(3))));
    const b2 = await saveStopEdit(other, null, DAY, editFrom(b1, (r) => setNotes(r, '两个标签页', DEVICE, at(4))));
    expect(new Set([a1.clientId, b1.clientId, a2.clientId, b2.clientId]).size).toBe(1);
    expect([a1, b1, a2, b2].map((r) => r.revision)).toEqual([1, 2, 3, 4]);
    const all = await db.getAll('records');
    expect(all).toHaveLength(1);
    expect(all[0].record.answers.map((a) => a.itemId).sort()).toEqual([i1.id, i2.id, i3.id].sort());
    expect(all[0].record.notes).toBe('两个标签页');
    expect(await findStopRecord(db, DAY, STOP, null)).toEqual(b2);
    other.close();
  });

  it('a change that leaves the record as it is saves nothing', async () => {
    const saved = await saveStopEdit(db, null, DAY, editFrom(null, (r) => answerItem(r, T.items[0], 'no', DEVICE, at(1))));
    const again = await saveStopEdit(db, null, DAY, editFrom(null, (r) => r));
    expect(again).toEqual(saved);
    expect((await db.getAll('records'))[0].record.revision).toBe(1);
  });
});

describe('a half-filled checklist', () => {
  const [i1, i2, i3] = T.items;
  const halfFilled = async () => {
    await saveStopEdit(db, null, DAY, editFrom(null, (r) => answerItem(r, i1, 'no', DEVICE, at(1))));
    await saveStopEdit(db, null, DAY, editFrom(null, (r) => answerItem(r, i2, i2.problemWhen, DEVICE, at(2))));
    return saveStopEdit(db, null, DAY, editFrom(null, (r) => answerItem(r, i3, i3.problemWhen === 'yes' ? 'no' : 'yes', DEVICE, at(3))));
  };

  it('is sent without its unfinished finding and accepted; the finding follows once described', async () => {
    const server = new ValidatingServer();
    const outbox = new Outbox(db, server, DEVICE, { setTimer: () => null });
    const record = await halfFilled();
    expect(validateStopRecord(record, T).join()).toContain('问题描述不能为空');
    await outbox.flush();
    expect((await outbox.status()).pending).toBe(0);
    expect(server.records.get(record.clientId)?.answers.map((a) => a.itemId).sort()).toEqual([i1.id, i3.id].sort());
    const done = await saveStopEdit(db, null, DAY, editFrom(record, (r) => editProblem(r, i2.id, { description: '院墙倒塌', severity: '一般' }, DEVICE, at(4))));
    await outbox.flush();
    expect(server.records.get(record.clientId)?.revision).toBe(done.revision);
    expect(server.records.get(record.clientId)?.answers.map((a) => a.itemId).sort()).toEqual([i1.id, i2.id, i3.id].sort());
  });

  it('keeps the last version that passed as what to send when a whole record is saved unsendable', async () => {
    const server = new ValidatingServer();
    const outbox = new Outbox(db, server, DEVICE, { setTimer: () => null });
    const valid = answerItem(newRecord({ planId: PLAN, ...STOP, template: T, deviceId: DEVICE, now: at(0) }), i1, 'no', DEVICE, at(1));
    await saveRecord(db, null, DAY, valid, true);
    // Marked complete on the phone but not valid as such (items unanswered): kept on the phone only.
    await saveRecord(db, null, DAY, { ...valid, status: 'complete', revision: 2 }, false);
    await outbox.flush();
    const status = await outbox.status();
    expect(status.failed).toBe(0);
    expect(status.pending).toBe(0);
    expect(server.records.get(valid.clientId)?.revision).toBe(1);
  });

  it('a refused record keeps its photos back', async () => {
    const server = new ValidatingServer();
    const outbox = new Outbox(db, server, DEVICE, { setTimer: () => null });
    // Queued by an older version of the app with no payload: the stored record goes, and is refused.
    const bad = { ...answerItem(newRecord({ planId: PLAN, ...STOP, template: T, deviceId: DEVICE, now: at(0) }), i1, 'no', DEVICE, at(1)), templateVersion: 999 };
    const tx = db.transaction(['records', 'outbox'], 'readwrite');
    await tx.objectStore('records').put({ clientId: bad.clientId, dayKey: DAY, record: bad, synced: false });
    await tx.objectStore('outbox').put({ id: `record:${bad.clientId}`, kind: 'record', clientId: bad.clientId, planId: PLAN, date: DATE, seq: 1, createdAt: at(1), attempts: 0, nextAttemptAt: 0, lastError: null, failed: false, revision: 1 });
    await tx.done;
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).buffer;
    await savePhoto(db, null, DAY, { bytes, contentType: 'image/jpeg', meta: { clientId: crypto.randomUUID(), stopClientId: bad.clientId, sha256: 'a'.repeat(64), bytes: 7, width: 4, height: 3, takenAt: at(1) } });
    await outbox.flush();
    expect(server.calls).toEqual(['sync']);
    expect((await outbox.status()).failed).toBe(1);
  });

  it('what is sent never holds an unfinished finding', () => {
    const r = answerItem(answerItem(newRecord({ planId: PLAN, ...STOP, template: T, deviceId: DEVICE, now: at(0) }), i1, 'no', DEVICE, at(1)), i2, i2.problemWhen, DEVICE, at(2));
    expect(sendableRecord(r).answers.map((a) => a.itemId)).toEqual([i1.id]);
    const described = editProblem(r, i2.id, { description: '院墙倒塌', severity: '一般' }, DEVICE, at(3));
    expect(sendableRecord(described)).toBe(described);
  });
});
