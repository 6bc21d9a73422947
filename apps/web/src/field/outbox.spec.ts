import 'fake-indexeddb/auto';
import { FANGCHENG_HOUSEHOLD, type StopRecord, type Substitution } from '@lookback/fieldwork';
import type { QuizResult } from '@lookback/quiz';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { type FieldDb, openFieldDb } from './db.js';
import { backoffDelay, type FieldTransport, Outbox } from './outbox.js';
import { saveQuiz, savePhoto, saveRecord, signOffDay } from './store.js';
import type { StoredPhoto, SyncResult } from './types.js';

const PLAN = '7d0c6a5e-1111-4222-8333-944455556666';
const DATE = '2026-11-24';
const DAY = `${PLAN}/${DATE}`;
const DEVICE = 'phone-test-0001';

/** A server that stores each clientId once (as the API does) and can lose its answers or be unreachable. */
class FakeServer implements FieldTransport {
  records = new Map<string, StopRecord>();
  subs = new Map<string, Substitution>();
  photos = new Map<string, string>();
  calls: string[] = [];
  /** 'down': no answer, nothing stored; 'lose-answer': stored, but the answer never arrives. */
  mode: 'up' | 'down' | 'lose-answer' = 'up';
  reject = new Map<string, string[]>();
  conflicts = 0;

  private gate(what: string): void {
    this.calls.push(what);
    if (this.mode === 'down') throw new ApiError('网络连接失败，请稍后重试', 0, 'NETWORK');
  }
  private answer<T>(value: T): T {
    if (this.mode === 'lose-answer') throw new ApiError('网络连接失败，请稍后重试', 0, 'NETWORK');
    return value;
  }
  async sync(_p: string, _d: string, body: { deviceId: string; records: StopRecord[]; substitutions: Substitution[] }): Promise<SyncResult> {
    this.gate(`sync:${body.records.map((r) => `${r.clientId.slice(0, 4)}@${r.revision}`).join(',')}`);
    const result: SyncResult = { acknowledged: { records: [], substitutions: [] }, rejected: [], conflicts: this.conflicts };
    for (const s of body.substitutions) {
      this.subs.set(s.clientId, s);
      result.acknowledged.substitutions.push(s.clientId);
    }
    for (const r of body.records) {
      const problems = this.reject.get(r.clientId);
      if (problems) {
        result.rejected.push({ clientId: r.clientId, problems });
        continue;
      }
      const stored = this.records.get(r.clientId);
      if (!stored || stored.revision < r.revision) this.records.set(r.clientId, r);
      result.acknowledged.records.push(r.clientId);
    }
    return this.answer(result);
  }
  async photo(_p: string, _d: string, photo: StoredPhoto): Promise<void> {
    this.gate(`photo:${photo.clientId.slice(0, 4)}`);
    this.photos.set(photo.clientId, photo.meta.sha256);
    this.answer(null);
  }
  async quiz(_p: string, _d: string, cadreNo: string): Promise<QuizResult> {
    this.gate(`quiz:${cadreNo}`);
    return this.answer({ items: [], score: 3, maxScore: 5, percent: 60 });
  }
  async signOff(): Promise<void> {
    this.gate('signoff');
  }
  async reopen(): Promise<void> {
    this.gate('reopen');
  }
}

let seq = 0;
function record(revision = 1, clientId = crypto.randomUUID()): StopRecord {
  const at = new Date(Date.UTC(2026, 10, 24, 1, revision)).toISOString();
  return {
    clientId,
    planId: PLAN,
    villageCode: '411322100201',
    stopKind: 'household',
    stopCode: `41132210020100${String(++seq).padStart(2, '0')}`,
    templateId: FANGCHENG_HOUSEHOLD.id,
    templateVersion: FANGCHENG_HOUSEHOLD.version,
    answers: [],
    status: 'in-progress',
    deviceId: DEVICE,
    revision,
    updatedAt: at,
  };
}

function photoFor(stopClientId: string) {
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).buffer;
  return { bytes, contentType: 'image/jpeg', meta: { clientId: crypto.randomUUID(), stopClientId, sha256: 'a'.repeat(64), bytes: 7, width: 4, height: 3, takenAt: '2026-11-24T01:00:00.000Z' } };
}

let db: FieldDb;
let dbName: string;
let server: FakeServer;
let now: number;
const outboxOn = (database: FieldDb) => new Outbox(database, server, DEVICE, { now: () => now, setTimer: () => null, clearTimer: () => undefined });

beforeEach(async () => {
  dbName = `outbox-test-${crypto.randomUUID()}`;
  db = await openFieldDb(dbName);
  server = new FakeServer();
  now = 1_800_000_000_000;
});

describe('the outbox', () => {
  it('resends a batch whose answer was lost, and the server still holds each record once', async () => {
    const outbox = outboxOn(db);
    const r = record();
    await saveRecord(db, null, DAY, r, true);
    server.mode = 'lose-answer';
    await outbox.flush();
    expect(server.records.size).toBe(1);
    expect((await outbox.status()).pending).toBe(1);
    server.mode = 'up';
    now += backoffDelay(1);
    await outbox.flush();
    await outbox.flush();
    expect(server.calls.filter((c) => c.startsWith('sync'))).toHaveLength(2);
    expect([...server.records.keys()]).toEqual([r.clientId]);
    expect((await outbox.status()).pending).toBe(0);
    expect((await db.get('records', r.clientId))?.synced).toBe(true);
  });

  it('backs off exponentially while unreachable, and goes at once when the network returns', async () => {
    const outbox = outboxOn(db);
    await saveRecord(db, null, DAY, record(), true);
    server.mode = 'down';
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await outbox.flush();
      const [item] = (await outbox.status()).items;
      delays.push(item.nextAttemptAt - now);
      // Before the back-off is over nothing is sent.
      const calls = server.calls.length;
      await outbox.flush();
      expect(server.calls.length).toBe(calls);
      now = item.nextAttemptAt;
    }
    expect(delays).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffDelay(30)).toBe(300_000);
    const status = await outbox.status();
    expect(status.lastError).toBe('网络连接失败，请稍后重试');
    expect(status.items[0].lastError).toBe('网络连接失败，请稍后重试');
    server.mode = 'up';
    await outbox.retryNow();
    expect((await outbox.status()).pending).toBe(0);
    expect(server.records.size).toBe(1);
  });

  it('does not try while the browser says it is offline, and tries at once when told the network is back', async () => {
    let online = false;
    const outbox = new Outbox(db, server, DEVICE, { now: () => now, setTimer: () => null, isOnline: () => online });
    await saveRecord(db, outbox, DAY, record(), true);
    await outbox.flush();
    expect(server.calls).toEqual([]);
    expect((await outbox.status()).items[0].attempts).toBe(0);
    // The 'online' event: navigator.onLine may still lag behind; retryNow tries regardless.
    await outbox.retryNow();
    expect(server.records.size).toBe(1);
    online = true;
    expect((await outbox.status()).pending).toBe(0);
  });

  it('survives a reload: a new outbox on the same database sends what the old one could not', async () => {
    const first = outboxOn(db);
    const r = record();
    await saveRecord(db, first, DAY, r, true);
    await savePhoto(db, first, DAY, photoFor(r.clientId));
    await saveQuiz(db, first, DAY, 'C001', { Q001: 'B' });
    server.mode = 'down';
    await first.flush();
    first.stop();
    db.close();

    const reopened = await openFieldDb(dbName);
    const second = outboxOn(reopened);
    expect((await second.status()).pending).toBe(3);
    server.mode = 'up';
    await second.retryNow();
    expect((await second.status()).pending).toBe(0);
    expect(server.records.size).toBe(1);
    expect(server.photos.size).toBe(1);
    expect((await reopened.get('quizzes', `${DAY}/C001`))?.result?.percent).toBe(60);
  });

  it('sends a photo only after its record is acknowledged', async () => {
    const outbox = outboxOn(db);
    const r = record();
    await saveRecord(db, null, DAY, r, true);
    const photo = photoFor(r.clientId);
    await savePhoto(db, null, DAY, photo);
    server.mode = 'lose-answer';
    await outbox.flush();
    // The record's answer was lost: the photo waits.
    expect(server.calls).toEqual([`sync:${r.clientId.slice(0, 4)}@1`]);
    server.mode = 'up';
    now += 60_000;
    await outbox.flush();
    expect(server.calls.slice(1)).toEqual([`sync:${r.clientId.slice(0, 4)}@1`, `photo:${photo.meta.clientId.slice(0, 4)}`]);
  });

  it('keeps a record edited while its older revision was on the way', async () => {
    const r = record(1);
    await saveRecord(db, null, DAY, r, true);
    let outbox: Outbox;
    const slow: FieldTransport = {
      ...server,
      sync: async (p, d, body) => {
        // The inspector changes the record while the request is out.
        await saveRecord(db, null, DAY, { ...r, revision: 2, notes: '补充' }, true);
        return server.sync(p, d, body);
      },
      photo: server.photo.bind(server),
      quiz: server.quiz.bind(server),
      signOff: server.signOff.bind(server),
      reopen: server.reopen.bind(server),
    };
    outbox = new Outbox(db, slow, DEVICE, { now: () => now, setTimer: () => null });
    await outbox.flush();
    expect(server.records.get(r.clientId)?.revision).toBe(1);
    const [item] = (await outbox.status()).items;
    expect(item.revision).toBe(2);
    outbox = outboxOn(db);
    await outbox.flush();
    expect(server.records.get(r.clientId)?.revision).toBe(2);
    expect((await outbox.status()).pending).toBe(0);
  });

  it('keeps a refused record with the reason, and reports conflicts, without retrying by itself', async () => {
    const outbox = outboxOn(db);
    const bad = record();
    const good = record();
    server.reject.set(bad.clientId, ['第 3 项：问题描述不能为空']);
    server.conflicts = 1;
    await saveRecord(db, null, DAY, bad, true);
    await saveRecord(db, null, DAY, good, true);
    await outbox.flush();
    const status = await outbox.status();
    expect(status.pending).toBe(1);
    expect(status.failed).toBe(1);
    expect(status.items[0].lastError).toContain('问题描述不能为空');
    const events = await db.getAll('events');
    expect(events.map((e) => e.kind).sort()).toEqual(['conflict', 'rejected']);
    now += 3_600_000;
    const calls = server.calls.length;
    await outbox.flush();
    expect(server.calls.length).toBe(calls);
  });

  it('sends a sign-off only after everything queued before it, and nothing queued after it before it', async () => {
    const outbox = outboxOn(db);
    const r = record();
    await saveRecord(db, null, DAY, r, true);
    await savePhoto(db, null, DAY, photoFor(r.clientId));
    await db.put('days', { dayKey: DAY, planId: PLAN, date: DATE, packet: {} as never, downloadedAt: '', signedOff: false, signedNames: [], signOffError: null });
    await signOffDay(db, null, DAY, ['张三', '李四']);
    await outbox.flush();
    await outbox.flush();
    expect(server.calls.map((c) => c.split(':')[0])).toEqual(['sync', 'photo', 'signoff']);
    expect((await outbox.status()).pending).toBe(0);
  });

  it('reopens the day on the phone when the server refuses the sign-off, saying why', async () => {
    const outbox = new Outbox(
      db,
      { ...server, signOff: async () => Promise.reject(new ApiError('还不能签字确认：某村还有 2 处未完成', 409, 'CONFLICT')), sync: server.sync.bind(server), photo: server.photo.bind(server), quiz: server.quiz.bind(server), reopen: server.reopen.bind(server) },
      DEVICE,
      { now: () => now, setTimer: () => null },
    );
    await db.put('days', { dayKey: DAY, planId: PLAN, date: DATE, packet: {} as never, downloadedAt: '', signedOff: false, signedNames: [], signOffError: null });
    await signOffDay(db, null, DAY, ['张三']);
    expect((await db.get('days', DAY))?.signedOff).toBe(true);
    await outbox.flush();
    const day = await db.get('days', DAY);
    expect(day?.signedOff).toBe(false);
    expect(day?.signOffError).toContain('还有 2 处未完成');
    expect((await outbox.status()).pending).toBe(0);
  });
});
