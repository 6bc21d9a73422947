/**
 * One thing still to reach the server. Items are written in the same IndexedDB transaction as the
 * data they stand for, so a record can never be saved without being queued (or the reverse).
 */
import type { StopRecord } from '@lookback/fieldwork';
import type { QuizAnswer } from '@lookback/quiz';
import type { IDBPTransaction, StoreNames } from 'idb';
import type { FieldDbSchema } from './db.js';

export type OutboxKind = 'record' | 'substitution' | 'photo' | 'quiz' | 'signoff' | 'reopen';

export interface OutboxItem {
  /** `${kind}:${clientId}` — one item per thing, however often it changes. */
  id: string;
  kind: OutboxKind;
  clientId: string;
  planId: string;
  date: string;
  /** Order of first queueing: a day's items go in this order (a record before its photos). */
  seq: number;
  createdAt: string;
  /** Failed sends since the last success or change. */
  attempts: number;
  /** Epoch ms before which the item is not sent again (exponential back-off). */
  nextAttemptAt: number;
  lastError: string | null;
  /** Refused by the server for a reason a resend cannot fix: kept and shown, not retried until changed or retried by hand. */
  failed: boolean;
  /** record: the revision last queued; an acknowledgement of an older one keeps the item. */
  revision?: number;
  /** photo: the record it belongs to (sent after it). */
  stopClientId?: string;
  /**
   * quiz / signoff / reopen: what to send. record: the version to send (one that passes validation,
   * see sendableRecord in outbox.ts); without it the stored record is sent.
   */
  payload?: { cadreNo: string; answers: Record<string, QuizAnswer> } | { names: string[] } | { reason: string } | { record: StopRecord };
}

export type NewOutboxItem = Pick<OutboxItem, 'kind' | 'clientId' | 'planId' | 'date' | 'revision' | 'stopClientId' | 'payload'>;

type WritableTx = IDBPTransaction<FieldDbSchema, StoreNames<FieldDbSchema>[], 'readwrite'>;

/**
 * Queues (or re-queues, keeping its place) an item inside a transaction that includes the
 * 'outbox' and 'meta' stores. A changed item is due at once and its failure is forgotten.
 */
export async function queueInTx(tx: WritableTx, item: NewOutboxItem, nowIso: string): Promise<void> {
  const outbox = tx.objectStore('outbox');
  const id = `${item.kind}:${item.clientId}`;
  const existing = await outbox.get(id);
  if (existing) {
    await outbox.put({ ...existing, ...item, id, attempts: 0, nextAttemptAt: 0, lastError: null, failed: false });
    return;
  }
  const meta = tx.objectStore('meta');
  const seq = ((await meta.get('outboxSeq')) as number | undefined) ?? 0;
  await meta.put(seq + 1, 'outboxSeq');
  await outbox.put({ ...item, id, seq: seq + 1, createdAt: nowIso, attempts: 0, nextAttemptAt: 0, lastError: null, failed: false });
}
