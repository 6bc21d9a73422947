/**
 * The outbox (待上传): everything recorded on the phone is written to IndexedDB first, with a
 * client-generated id, and queued here in the same transaction; the outbox sends it when it can.
 *
 * - Each thing is one item (`record:<id>`, `photo:<id>`…); editing a record re-queues the same item.
 * - Order within a day: substitutions and records (one sync batch; the API stores each clientId
 *   once), then photos whose record is no longer waiting, then quiz answers; a sign-off or reopen
 *   waits until everything queued before it has gone, and what is queued after it waits for it.
 * - Only the server's acknowledgement removes an item; a record edited while its older revision
 *   was on the way stays queued. Resending is safe: the API is idempotent by clientId.
 * - A failure without an answer (offline, 5xx, 408, 429, 401) is retried with exponential back-off
 *   (2 s, 4 s, 8 s … at most 5 min) and at once when the browser comes back online; a refusal
 *   (other 4xx, or `rejected` in a sync answer) is kept, marked failed with the server's reason and
 *   shown, and sent again only when the thing changes or the inspector retries by hand.
 * - Conflicts the server found while merging are written to the events store and shown.
 * - A record's item carries the version to send, one the server accepts (sendableRecord): work the
 *   inspector has not finished yet is never sent, so it is never refused.
 */
import { type ItemAnswer, PROBLEM_TYPES, SEVERITIES, type StopRecord, type Substitution } from '@lookback/fieldwork';
import type { QuizAnswer, QuizResult } from '@lookback/quiz';
import type { FieldDb } from './db.js';
import type { OutboxItem } from './outbox-item.js';
import type { StoredPhoto, SyncResult } from './types.js';

/** How the outbox reaches the API (transport.ts over fetch; a fake server in the unit tests). */
export interface FieldTransport {
  sync(planId: string, date: string, body: { deviceId: string; records: StopRecord[]; substitutions: Substitution[] }): Promise<SyncResult>;
  photo(planId: string, date: string, photo: StoredPhoto): Promise<void>;
  quiz(planId: string, date: string, cadreNo: string, clientId: string, answers: Record<string, QuizAnswer>): Promise<QuizResult>;
  signOff(planId: string, date: string, names: string[]): Promise<void>;
  reopen(planId: string, date: string, reason: string): Promise<void>;
}

export interface OutboxOptions {
  /** Epoch ms. */
  now?: () => number;
  /**
   * false: certainly offline (navigator.onLine), so sends wait for retryNow (the 'online' event)
   * instead of failing on every change. A true here is only a hint; failures still back off.
   */
  isOnline?: () => boolean;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per sync request (the API takes at most 500 of each). */
  maxBatch?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface OutboxStatus {
  /** Items not yet acknowledged (failed ones included). */
  pending: number;
  failed: number;
  items: OutboxItem[];
  /** The most recent failure, of any item. */
  lastError: string | null;
  lastSuccessAt: string | null;
  sending: boolean;
}

/** A finding still being filled in: no 问题描述, no 严重程度 or no valid 问题类型 yet. */
export function isUnfinishedFinding(answer: ItemAnswer): boolean {
  const p = answer.problem;
  if (!p) return false;
  return !p.description?.trim() || !(SEVERITIES as readonly string[]).includes(p.severity) || !(PROBLEM_TYPES as readonly string[]).includes(p.problemType);
}

/**
 * What the server may be sent of a record: the record without its unfinished findings.
 *
 * Why leave them out rather than hold back the whole record at its last valid version: a finding
 * opened and not yet described is the normal state of a checklist being filled in, and holding the
 * record back would also hold back every answer given after it (and its photos). Leaving the
 * finding out loses nothing: the server keeps whatever it had for that item (an absent answer means
 * "not answered here", libs/fieldwork/src/merge.ts rule 4), and the finding goes with the next
 * revision once it is complete, stamped later. If even this version does not pass validation (a
 * stop marked complete whose answer was just turned into a finding), the store keeps the last
 * version that did as the outbox payload (store.ts, queueRecordInTx).
 */
export function sendableRecord(record: StopRecord): StopRecord {
  if (!record.answers.some(isUnfinishedFinding)) return record;
  return { ...record, answers: record.answers.filter((a) => !isUnfinishedFinding(a)) };
}

/** Delay before the n-th retry (n ≥ 1): base·2^(n−1), capped. */
export function backoffDelay(attempts: number, baseMs = 2000, maxMs = 300_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** No answer, or an answer that says "later": worth sending again by itself. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

function failureOf(error: unknown): { status: number; message: string } {
  const e = error as { status?: unknown; message?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : 0;
  const message = typeof e?.message === 'string' && e.message ? e.message : '网络连接失败';
  return { status, message: status === 401 ? '登录已过期：请重新登录，登录后自动继续上传' : message };
}

const CONFLICT_MESSAGE = (n: number) => `服务器合并时发现 ${n} 处与其他手机不同的答案：两个答案都已保留，交督查组长裁定`;

export class Outbox {
  private readonly now: () => number;
  private readonly isOnline: () => boolean;
  private forced = false;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxBatch: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private stopped = true;
  private lastError: string | null = null;
  private lastSuccessAt: string | null = null;

  constructor(
    readonly db: FieldDb,
    private readonly transport: FieldTransport,
    readonly deviceId: string,
    options: OutboxOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.isOnline = options.isOnline ?? (() => true);
    this.baseDelayMs = options.baseDelayMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
    this.maxBatch = options.maxBatch ?? 500;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** Starts sending: now, after each back-off, and whenever flush/changed is called. */
  start(): void {
    this.stopped = false;
    void this.flush();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something was queued: tell the screens, send soon. */
  changed(): void {
    this.emit();
    if (!this.stopped) void this.flush();
  }

  /** The network is back (the `online` event): forget the back-off of everything not refused. */
  async retryNow(): Promise<void> {
    await this.resetWhere((item) => !item.failed);
    await this.flush(true);
  }

  /** The inspector asked to try the refused items again too. */
  async retryFailed(): Promise<void> {
    await this.resetWhere(() => true);
    await this.flush(true);
  }

  async status(): Promise<OutboxStatus> {
    const items = await this.db.getAllFromIndex('outbox', 'seq');
    const failed = items.filter((i) => i.failed).length;
    return { pending: items.length, failed, items, lastError: this.lastError, lastSuccessAt: this.lastSuccessAt, sending: this.running !== null };
  }

  /**
   * One sending pass (and another if something was queued meanwhile); never two at once.
   * `force`: try even when the browser says it is offline.
   */
  flush(force = false): Promise<void> {
    this.forced ||= force;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.running = (async () => {
      // Yield first: the body (which ends by clearing this.running) must run only after
      // this.running has been assigned, or a pass that finishes synchronously leaves it set forever.
      await Promise.resolve();
      this.emit();
      try {
        do {
          this.again = false;
          const forced = this.forced;
          this.forced = false;
          if (!forced && !this.isOnline()) break;
          await this.pass();
        } while (this.again);
      } finally {
        this.running = null;
        await this.schedule();
        this.emit();
      }
    })();
    return this.running;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private async resetWhere(predicate: (item: OutboxItem) => boolean): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    for (const item of await tx.store.getAll()) {
      if (predicate(item)) await tx.store.put({ ...item, attempts: 0, nextAttemptAt: 0, failed: false });
    }
    await tx.done;
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    const items = (await this.db.getAll('outbox')).filter((i) => !i.failed);
    if (!items.length || !this.isOnline()) return;
    const next = Math.min(...items.map((i) => i.nextAttemptAt));
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, Math.max(0, next - this.now()));
  }

  private due(item: OutboxItem): boolean {
    return !item.failed && item.nextAttemptAt <= this.now();
  }

  /** Returns when done, or early when a send failed without an answer (the others would too). */
  private async pass(): Promise<void> {
    const items = await this.db.getAllFromIndex('outbox', 'seq');
    const days = new Map<string, OutboxItem[]>();
    for (const item of items) {
      const key = `${item.planId}/${item.date}`;
      days.set(key, [...(days.get(key) ?? []), item]);
    }
    for (const dayItems of days.values()) {
      const live = dayItems.filter((i) => !i.failed);
      const barrier = live.findIndex((i) => i.kind === 'signoff' || i.kind === 'reopen');
      const front = barrier < 0 ? live : live.slice(0, barrier);
      if (front.length === 0) {
        if (barrier >= 0 && this.due(live[barrier]) && !(await this.sendOne(live[barrier]))) return;
        continue;
      }
      const syncable = front.filter((i) => i.kind === 'record' || i.kind === 'substitution');
      if (syncable.some((i) => this.due(i))) {
        for (let from = 0; from < syncable.length; from += this.maxBatch) {
          if (!(await this.sendSync(syncable.slice(from, from + this.maxBatch)))) return;
        }
      }
      // A photo never goes ahead of its record, also not of a refused one (the server would hold a photo of a record it does not have).
      const waitingRecords = new Set((await this.db.getAll('outbox')).filter((i) => i.kind === 'record').map((i) => i.clientId));
      for (const item of front) {
        if (item.kind !== 'photo' && item.kind !== 'quiz') continue;
        if (!this.due(item)) continue;
        if (item.kind === 'photo' && item.stopClientId && waitingRecords.has(item.stopClientId)) continue;
        if (!(await this.sendOne(item))) return;
      }
    }
  }

  /** Substitutions and records of one day in one request. */
  private async sendSync(items: OutboxItem[]): Promise<boolean> {
    const { planId, date } = items[0];
    const records: StopRecord[] = [];
    const substitutions: Substitution[] = [];
    const sentRevision = new Map<string, number>();
    const gone: OutboxItem[] = [];
    for (const item of items) {
      if (item.kind === 'record') {
        const stored = await this.db.get('records', item.clientId);
        if (!stored) gone.push(item);
        else {
          const payload = item.payload && 'record' in item.payload ? item.payload.record : stored.record;
          const { deviceRevisions: _seen, conflicts: _kept, ...record } = payload;
          records.push(record);
          sentRevision.set(item.clientId, record.revision);
        }
      } else {
        const stored = await this.db.get('substitutions', item.clientId);
        if (!stored) gone.push(item);
        else substitutions.push(stored.sub);
      }
    }
    for (const item of gone) await this.db.delete('outbox', item.id);
    if (!records.length && !substitutions.length) return true;
    let result: SyncResult;
    try {
      result = await this.transport.sync(planId, date, { deviceId: this.deviceId, records, substitutions });
    } catch (error) {
      return this.failed(items.filter((i) => !gone.includes(i)), error);
    }
    const nowIso = new Date(this.now()).toISOString();
    const tx = this.db.transaction(['outbox', 'records', 'substitutions', 'events'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    for (const clientId of result.acknowledged.substitutions) {
      await outbox.delete(`substitution:${clientId}`);
      const stored = await tx.objectStore('substitutions').get(clientId);
      if (stored) await tx.objectStore('substitutions').put({ ...stored, synced: true });
    }
    for (const clientId of result.acknowledged.records) {
      const item = await outbox.get(`record:${clientId}`);
      const sent = sentRevision.get(clientId);
      const stored = await tx.objectStore('records').get(clientId);
      if (stored && stored.record.revision === sent) await tx.objectStore('records').put({ ...stored, synced: true });
      // Changed again while this revision was on the way: the newer one still has to go.
      if (item && (item.revision === undefined || item.revision === sent)) await outbox.delete(item.id);
    }
    for (const { clientId, problems } of result.rejected) {
      for (const id of [`record:${clientId}`, `substitution:${clientId}`]) {
        const item = await outbox.get(id);
        if (!item) continue;
        const message = `服务器拒收：${problems.join('；')}`;
        await outbox.put({ ...item, failed: true, attempts: item.attempts + 1, lastError: message });
        await tx.objectStore('events').add({ dayKey: `${planId}/${date}`, at: nowIso, kind: 'rejected', message: `${item.kind === 'record' ? '记录' : '替换'} ${clientId.slice(0, 8)}：${message}` });
        this.lastError = message;
      }
    }
    if (result.conflicts > 0) {
      await tx.objectStore('events').add({ dayKey: `${planId}/${date}`, at: nowIso, kind: 'conflict', message: CONFLICT_MESSAGE(result.conflicts) });
    }
    await tx.done;
    this.lastSuccessAt = nowIso;
    return true;
  }

  private async sendOne(item: OutboxItem): Promise<boolean> {
    try {
      switch (item.kind) {
        case 'photo': {
          const photo = await this.db.get('photos', item.clientId);
          if (photo) {
            await this.transport.photo(item.planId, item.date, photo);
            await this.db.put('photos', { ...photo, synced: true });
          }
          break;
        }
        case 'quiz': {
          const payload = item.payload as { cadreNo: string; answers: Record<string, QuizAnswer> };
          const result = await this.transport.quiz(item.planId, item.date, payload.cadreNo, item.clientId, payload.answers);
          const key = `${item.planId}/${item.date}/${payload.cadreNo}`;
          const stored = await this.db.get('quizzes', key);
          if (stored) await this.db.put('quizzes', { ...stored, result, error: null });
          break;
        }
        case 'signoff':
          await this.transport.signOff(item.planId, item.date, (item.payload as { names: string[] }).names);
          break;
        case 'reopen':
          await this.transport.reopen(item.planId, item.date, (item.payload as { reason: string }).reason);
          break;
        default:
          return true;
      }
    } catch (error) {
      return this.failed([item], error);
    }
    await this.db.delete('outbox', item.id);
    this.lastSuccessAt = new Date(this.now()).toISOString();
    return true;
  }

  /** Back-off for all; a refusal marks them failed. Returns whether the pass may go on. */
  private async failed(items: OutboxItem[], error: unknown): Promise<boolean> {
    const { status, message } = failureOf(error);
    const retryable = isRetryable(status);
    const dayKey = `${items[0].planId}/${items[0].date}`;
    const nowIso = new Date(this.now()).toISOString();
    const tx = this.db.transaction(['outbox', 'events', 'days', 'quizzes'], 'readwrite');
    for (const sent of items) {
      const item = await tx.objectStore('outbox').get(sent.id);
      if (!item) continue;
      const attempts = item.attempts + 1;
      if (!retryable && item.kind === 'signoff') {
        // The day stays open on the phone; the reason is shown on the day screen and in the events.
        await tx.objectStore('outbox').delete(item.id);
        const day = await tx.objectStore('days').get(dayKey);
        if (day) await tx.objectStore('days').put({ ...day, signedOff: false, signOffError: message });
      } else {
        await tx.objectStore('outbox').put({ ...item, attempts, nextAttemptAt: this.now() + backoffDelay(attempts, this.baseDelayMs, this.maxDelayMs), lastError: message, failed: !retryable });
      }
      if (!retryable && item.kind === 'quiz') {
        const payload = item.payload as { cadreNo: string };
        const quiz = await tx.objectStore('quizzes').get(`${dayKey}/${payload.cadreNo}`);
        if (quiz) await tx.objectStore('quizzes').put({ ...quiz, error: message });
      }
      if (!retryable) await tx.objectStore('events').add({ dayKey, at: nowIso, kind: 'rejected', message: `${KIND_LABELS[item.kind]}：${message}` });
    }
    await tx.done;
    this.lastError = message;
    return !retryable;
  }
}

export const KIND_LABELS: Readonly<Record<OutboxItem['kind'], string>> = {
  record: '核查记录',
  substitution: '替换',
  photo: '照片',
  quiz: '测试答卷',
  signoff: '签字确认',
  reopen: '重新开放',
};
