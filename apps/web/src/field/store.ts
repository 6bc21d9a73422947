/**
 * Writes of the field screens: each saves the data and queues it for the server in ONE IndexedDB
 * transaction (nothing saved without being queued), then tells the outbox.
 */
import type { PhotoMeta, StopRecord, Substitution } from '@lookback/fieldwork';
import type { QuizAnswer } from '@lookback/quiz';
import type { FieldDb } from './db.js';
import type { Outbox } from './outbox.js';
import { queueInTx } from './outbox-item.js';
import { dayKey, type DayKey, type FieldEvent, type FieldPacket, type StoredDay, type StoredPhoto, type StoredQuiz, type StoredRecord, type StoredSubstitution } from './types.js';

export interface DayData {
  day: StoredDay;
  records: StoredRecord[];
  substitutions: StoredSubstitution[];
  /** Without the bytes. */
  photos: Omit<StoredPhoto, 'bytes'>[];
  quizzes: StoredQuiz[];
  events: FieldEvent[];
}

const nowIso = () => new Date().toISOString();

/**
 * Keeps a downloaded packet. What the server already holds (records and substitutions from this or
 * another phone) is added where the phone has nothing under that clientId; the phone's own copies
 * are newer or equal, and stay.
 */
export async function savePacket(db: FieldDb, planId: string, date: string, packet: FieldPacket, downloadedAt = nowIso()): Promise<StoredDay> {
  const key = dayKey(planId, date);
  const tx = db.transaction(['days', 'records', 'substitutions', 'outbox'], 'readwrite');
  const previous = await tx.objectStore('days').get(key);
  // A sign-off or reopen still on its way decides over what the server said when the packet was made.
  const pendingDecision = (await tx.objectStore('outbox').getAll()).some((i) => i.planId === planId && i.date === date && (i.kind === 'signoff' || i.kind === 'reopen'));
  const day: StoredDay = {
    dayKey: key,
    planId,
    date,
    packet,
    downloadedAt,
    signedOff: pendingDecision && previous ? previous.signedOff : packet.signedOff,
    signedNames: previous?.signedNames ?? [],
    signOffError: previous?.signOffError ?? null,
  };
  await tx.objectStore('days').put(day);
  for (const record of packet.records) {
    if (!(await tx.objectStore('records').get(record.clientId))) await tx.objectStore('records').put({ clientId: record.clientId, dayKey: key, record, synced: true });
  }
  for (const sub of packet.substitutions) {
    if (!(await tx.objectStore('substitutions').get(sub.clientId))) await tx.objectStore('substitutions').put({ clientId: sub.clientId, dayKey: key, sub, synced: true });
  }
  await tx.done;
  return day;
}

export async function loadDay(db: FieldDb, key: DayKey): Promise<DayData | null> {
  const day = await db.get('days', key);
  if (!day) return null;
  const [records, substitutions, photos, quizzes, events] = await Promise.all([
    db.getAllFromIndex('records', 'dayKey', key),
    db.getAllFromIndex('substitutions', 'dayKey', key),
    db.getAllFromIndex('photos', 'dayKey', key),
    db.getAllFromIndex('quizzes', 'dayKey', key),
    db.getAllFromIndex('events', 'dayKey', key),
  ]);
  substitutions.sort((a, b) => a.sub.at.localeCompare(b.sub.at) || a.clientId.localeCompare(b.clientId));
  return { day, records, substitutions, photos: photos.map(({ bytes: _bytes, ...rest }) => rest), quizzes, events };
}

export async function photoBytes(db: FieldDb, clientId: string): Promise<StoredPhoto | undefined> {
  return db.get('photos', clientId);
}

/** Saves a record; `send` false keeps it on the phone only (it does not pass validateStopRecord yet). */
export async function saveRecord(db: FieldDb, outbox: Outbox | null, key: DayKey, record: StopRecord, send: boolean): Promise<void> {
  const [planId, date] = splitDay(key);
  const tx = db.transaction(['records', 'outbox', 'meta'], 'readwrite');
  await tx.objectStore('records').put({ clientId: record.clientId, dayKey: key, record, synced: false });
  if (send) await queueInTx(tx, { kind: 'record', clientId: record.clientId, planId, date, revision: record.revision }, nowIso());
  await tx.done;
  outbox?.changed();
}

/** The absent household's record (status = reason) and the substitution, queued together. */
export async function saveSubstitution(db: FieldDb, outbox: Outbox | null, key: DayKey, absentRecord: StopRecord, sub: Substitution): Promise<void> {
  const [planId, date] = splitDay(key);
  const tx = db.transaction(['records', 'substitutions', 'outbox', 'meta'], 'readwrite');
  await tx.objectStore('substitutions').put({ clientId: sub.clientId, dayKey: key, sub, synced: false });
  await queueInTx(tx, { kind: 'substitution', clientId: sub.clientId, planId, date }, nowIso());
  await tx.objectStore('records').put({ clientId: absentRecord.clientId, dayKey: key, record: absentRecord, synced: false });
  await queueInTx(tx, { kind: 'record', clientId: absentRecord.clientId, planId, date, revision: absentRecord.revision }, nowIso());
  await tx.done;
  outbox?.changed();
}

export async function savePhoto(db: FieldDb, outbox: Outbox | null, key: DayKey, photo: { bytes: ArrayBuffer; contentType: string; meta: PhotoMeta }): Promise<void> {
  const [planId, date] = splitDay(key);
  const tx = db.transaction(['photos', 'outbox', 'meta'], 'readwrite');
  await tx.objectStore('photos').put({ clientId: photo.meta.clientId, dayKey: key, stopClientId: photo.meta.stopClientId, contentType: photo.contentType, bytes: photo.bytes, meta: photo.meta, synced: false });
  await queueInTx(tx, { kind: 'photo', clientId: photo.meta.clientId, planId, date, stopClientId: photo.meta.stopClientId }, nowIso());
  await tx.done;
  outbox?.changed();
}

/**
 * Deletes a photo that has not reached the server (a wrong shot, or one the server refused as too
 * large) together with its outbox item, in one transaction. A photo the server holds is evidence
 * and stays: 'uploaded'. A photo whose upload was already under way when it was deleted comes back
 * as uploaded once the server acknowledges it.
 */
export async function deletePhoto(db: FieldDb, outbox: Outbox | null, clientId: string): Promise<'deleted' | 'uploaded'> {
  const tx = db.transaction(['photos', 'outbox'], 'readwrite');
  const photo = await tx.objectStore('photos').get(clientId);
  if (photo?.synced) {
    await tx.done;
    return 'uploaded';
  }
  await tx.objectStore('photos').delete(clientId);
  await tx.objectStore('outbox').delete(`photo:${clientId}`);
  await tx.done;
  outbox?.changed();
  return 'deleted';
}

/** The cadre's answers, final: a second submission for the same cadre is refused here. */
export async function saveQuiz(db: FieldDb, outbox: Outbox | null, key: DayKey, cadreNo: string, answers: Record<string, QuizAnswer>): Promise<StoredQuiz> {
  const [planId, date] = splitDay(key);
  const tx = db.transaction(['quizzes', 'outbox', 'meta'], 'readwrite');
  const existing = await tx.objectStore('quizzes').get(`${key}/${cadreNo}`);
  if (existing) {
    await tx.done;
    return existing;
  }
  const quiz: StoredQuiz = { key: `${key}/${cadreNo}`, dayKey: key, cadreNo, clientId: crypto.randomUUID(), answers, submittedAt: nowIso(), result: null, error: null };
  await tx.objectStore('quizzes').put(quiz);
  await queueInTx(tx, { kind: 'quiz', clientId: quiz.clientId, planId, date, payload: { cadreNo, answers } }, nowIso());
  await tx.done;
  outbox?.changed();
  return quiz;
}

export async function signOffDay(db: FieldDb, outbox: Outbox | null, key: DayKey, names: string[]): Promise<void> {
  const [planId, date] = splitDay(key);
  const tx = db.transaction(['days', 'outbox', 'meta'], 'readwrite');
  const day = await tx.objectStore('days').get(key);
  if (day) await tx.objectStore('days').put({ ...day, signedOff: true, signedNames: names, signOffError: null });
  await queueInTx(tx, { kind: 'signoff', clientId: crypto.randomUUID(), planId, date, payload: { names } }, nowIso());
  await tx.done;
  outbox?.changed();
}

export async function reopenDay(db: FieldDb, outbox: Outbox | null, key: DayKey, reason: string): Promise<void> {
  const [planId, date] = splitDay(key);
  const tx = db.transaction(['days', 'outbox', 'meta'], 'readwrite');
  const day = await tx.objectStore('days').get(key);
  if (day) await tx.objectStore('days').put({ ...day, signedOff: false, signOffError: null });
  await queueInTx(tx, { kind: 'reopen', clientId: crypto.randomUUID(), planId, date, payload: { reason } }, nowIso());
  await tx.done;
  outbox?.changed();
}

function splitDay(key: DayKey): [string, string] {
  const at = key.lastIndexOf('/');
  return [key.slice(0, at), key.slice(at + 1)];
}
