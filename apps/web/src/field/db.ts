/**
 * The phone's IndexedDB database for field work, one per signed-in account
 * (`lookback-field-<userId>`), so two inspectors sharing a phone never send each other's records.
 *
 * Stores: days (downloaded packets), records, substitutions, photos (resized bytes), quizzes
 * (submitted answers and, once graded, the result), outbox (what still has to reach the server,
 * see outbox.ts), events (conflicts and refusals the server reported), meta (device id, counters).
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { OutboxItem } from './outbox-item.js';
import type { DayKey, FieldEvent, StoredDay, StoredPhoto, StoredQuiz, StoredRecord, StoredSubstitution } from './types.js';

export interface FieldDbSchema extends DBSchema {
  days: { key: DayKey; value: StoredDay };
  records: { key: string; value: StoredRecord; indexes: { dayKey: DayKey } };
  substitutions: { key: string; value: StoredSubstitution; indexes: { dayKey: DayKey } };
  photos: { key: string; value: StoredPhoto; indexes: { dayKey: DayKey; stopClientId: string } };
  quizzes: { key: string; value: StoredQuiz; indexes: { dayKey: DayKey } };
  outbox: { key: string; value: OutboxItem; indexes: { seq: number } };
  events: { key: number; value: FieldEvent; indexes: { dayKey: DayKey } };
  meta: { key: string; value: unknown };
}

export type FieldDb = IDBPDatabase<FieldDbSchema>;

export const fieldDbName = (userId: string) => `lookback-field-${userId}`;

export function openFieldDb(name: string): Promise<FieldDb> {
  return openDB<FieldDbSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('days', { keyPath: 'dayKey' });
      db.createObjectStore('records', { keyPath: 'clientId' }).createIndex('dayKey', 'dayKey');
      db.createObjectStore('substitutions', { keyPath: 'clientId' }).createIndex('dayKey', 'dayKey');
      const photos = db.createObjectStore('photos', { keyPath: 'clientId' });
      photos.createIndex('dayKey', 'dayKey');
      photos.createIndex('stopClientId', 'stopClientId');
      db.createObjectStore('quizzes', { keyPath: 'key' }).createIndex('dayKey', 'dayKey');
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('seq', 'seq');
      db.createObjectStore('events', { keyPath: 'id', autoIncrement: true }).createIndex('dayKey', 'dayKey');
      db.createObjectStore('meta');
    },
  });
}

/** This phone's id, generated once (the server keeps each device's highest revision per record). */
export async function deviceIdOf(db: FieldDb): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  const existing = await tx.store.get('deviceId');
  if (typeof existing === 'string') {
    await tx.done;
    return existing;
  }
  const id = `phone-${crypto.randomUUID()}`;
  await tx.store.put(id, 'deviceId');
  await tx.done;
  return id;
}
