/**
 * Writes of the field screens: each saves the data and queues it for the server in ONE IndexedDB
 * transaction (nothing saved without being queued), then tells the outbox and the other tabs open
 * on this phone (a BroadcastChannel per database: their editors read the stop again).
 *
 * A stop has ONE record on the phone, however many tabs edit it: an editor hands over a change
 * (a function of the record), and saveStopEdit applies it, inside one transaction, to the record
 * as stored now, so no tab ever writes from a stale copy.
 */
import { type ChecklistTemplate, type PhotoMeta, type StopKind, type StopRecord, type Substitution, validateStopRecord } from '@lookback/fieldwork';
import type { QuizAnswer } from '@lookback/quiz';
import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { FieldDb, FieldDbSchema } from './db.js';
import { type Outbox, sendableRecord } from './outbox.js';
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

type RecordTx = IDBPTransaction<FieldDbSchema, ('records' | 'outbox' | 'meta' | 'substitutions')[], 'readwrite'>;

/**
 * Saves a whole record as given (an import or a test; the stop editor uses saveStopEdit). `send`
 * false keeps it on the phone only: an earlier version already queued stays the one to send.
 */
export async function saveRecord(db: FieldDb, outbox: Outbox | null, key: DayKey, record: StopRecord, send: boolean): Promise<void> {
  const tx = db.transaction(['records', 'outbox', 'meta'], 'readwrite');
  await tx.objectStore('records').put({ clientId: record.clientId, dayKey: key, record, synced: false });
  if (send) await queueRecordInTx(tx, key, record);
  await tx.done;
  outbox?.changed();
  announce(db, key);
}

/** Which stop of a day a record is for. */
export interface StopRef {
  villageCode: string;
  stopKind: StopKind;
  stopCode: string;
}

export interface StopEdit {
  stop: StopRef;
  /** The record the editor has been showing, if any (found first, before any other of the stop). */
  clientId: string | null;
  /** A new record for the stop, used only when the phone holds none. */
  create: () => StopRecord;
  /** The change, applied to the record as stored; returning the record itself saves nothing. */
  edit: (record: StopRecord) => StopRecord;
  /** Decides whether the result may be sent (validateStopRecord). */
  template: ChecklistTemplate;
}

/**
 * Applies an editor's change to the stop's record as stored now, in one transaction: the stored
 * record keeps its clientId (a stop never gets a second record because two tabs began it), the
 * change raises this device's revision of it (record-edit.ts: stored revision + 1), and it is
 * queued when it passes validation (see queueRecordInTx). Returns the saved record: the editor
 * shows it in place of its own copy.
 *
 * Transactions on the records store run one after another in the order they were opened, across
 * tabs too, so quick taps and two tabs each build on the other's change instead of overwriting it.
 */
export async function saveStopEdit(db: FieldDb, outbox: Outbox | null, key: DayKey, change: StopEdit): Promise<StopRecord> {
  const tx = db.transaction(['records', 'outbox', 'meta'], 'readwrite');
  const saved = await editInTx(tx, key, change);
  await tx.done;
  if (saved.changed) {
    outbox?.changed();
    announce(db, key);
  }
  return saved.record;
}

/** The stop's record on the phone: the one named, else the stop's (the most recently changed if there are two). */
export async function findStopRecord(db: FieldDb, key: DayKey, stop: StopRef, clientId: string | null): Promise<StopRecord | null> {
  return (await storedIn(db.transaction('records').store, key, stop, clientId))?.record ?? null;
}

type RecordStore = IDBPObjectStore<FieldDbSchema, ArrayLike<StoreNames<FieldDbSchema>>, 'records', IDBTransactionMode>;

async function storedIn(records: RecordStore, key: DayKey, stop: StopRef, clientId: string | null): Promise<StoredRecord | undefined> {
  const named = clientId ? await records.get(clientId) : undefined;
  if (named && named.dayKey === key) return named;
  const ofStop = (await records.index('dayKey').getAll(key)).filter(
    (s) => s.record.villageCode === stop.villageCode && s.record.stopKind === stop.stopKind && s.record.stopCode === stop.stopCode,
  );
  return ofStop.sort((a, b) => b.record.updatedAt.localeCompare(a.record.updatedAt))[0];
}

async function editInTx(tx: RecordTx, key: DayKey, change: StopEdit): Promise<{ record: StopRecord; changed: boolean }> {
  const stored = await storedIn(tx.objectStore('records'), key, change.stop, change.clientId);
  const base = stored?.record ?? change.create();
  const next = change.edit(base);
  if (next === base) return { record: base, changed: false };
  await tx.objectStore('records').put({ clientId: next.clientId, dayKey: key, record: next, synced: false });
  if (validateStopRecord(sendableRecord(next), change.template).length === 0) await queueRecordInTx(tx, key, next);
  return { record: next, changed: true };
}

/**
 * Queues a record with the version to send: the record without its unfinished findings (see
 * sendableRecord in outbox.ts). Called only when that version is valid; otherwise the item keeps
 * the last version that was, so the outbox never sends what the server would refuse.
 */
async function queueRecordInTx(tx: RecordTx, key: DayKey, record: StopRecord): Promise<void> {
  const [planId, date] = splitDay(key);
  const outgoing = sendableRecord(record);
  await queueInTx(tx, { kind: 'record', clientId: record.clientId, planId, date, revision: outgoing.revision, payload: { record: outgoing } }, nowIso());
}

/** The absent household's record (its status set to the reason by `absent.edit`) and the substitution, queued together. */
export async function saveSubstitution(db: FieldDb, outbox: Outbox | null, key: DayKey, absent: StopEdit, sub: Substitution): Promise<StopRecord> {
  const [planId, date] = splitDay(key);
  const tx = db.transaction(['records', 'substitutions', 'outbox', 'meta'], 'readwrite');
  await tx.objectStore('substitutions').put({ clientId: sub.clientId, dayKey: key, sub, synced: false });
  await queueInTx(tx, { kind: 'substitution', clientId: sub.clientId, planId, date }, nowIso());
  const { record } = await editInTx(tx, key, absent);
  await tx.done;
  outbox?.changed();
  announce(db, key);
  return record;
}

export async function savePhoto(db: FieldDb, outbox: Outbox | null, key: DayKey, photo: { bytes: ArrayBuffer; contentType: string; meta: PhotoMeta }): Promise<void> {
  const [planId, date] = splitDay(key);
  const tx = db.transaction(['photos', 'outbox', 'meta'], 'readwrite');
  await tx.objectStore('photos').put({ clientId: photo.meta.clientId, dayKey: key, stopClientId: photo.meta.stopClientId, contentType: photo.contentType, bytes: photo.bytes, meta: photo.meta, synced: false });
  await queueInTx(tx, { kind: 'photo', clientId: photo.meta.clientId, planId, date, stopClientId: photo.meta.stopClientId }, nowIso());
  await tx.done;
  outbox?.changed();
  announce(db, key);
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
  if (photo) announce(db, photo.dayKey);
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

/**
 * Other tabs of this phone: told (through a BroadcastChannel named after the database) that a
 * day's records or photos changed, so their editors read them again. A tab never hears its own.
 */
const channels = new Map<string, BroadcastChannel>();

function channelOf(db: FieldDb): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  let channel = channels.get(db.name);
  if (!channel) {
    channel = new BroadcastChannel(`${db.name}:changes`);
    channels.set(db.name, channel);
  }
  return channel;
}

function announce(db: FieldDb, key: DayKey): void {
  channelOf(db)?.postMessage({ dayKey: key });
}

/** Calls `listener` when another tab changed the day's records or photos; returns the unsubscribe. */
export function onDayChangedElsewhere(db: FieldDb, key: DayKey, listener: () => void): () => void {
  const channel = channelOf(db);
  if (!channel) return () => undefined;
  const onMessage = (e: MessageEvent<{ dayKey?: string }>) => {
    if (e.data?.dayKey === key) listener();
  };
  channel.addEventListener('message', onMessage);
  return () => channel.removeEventListener('message', onMessage);
}

function splitDay(key: DayKey): [string, string] {
  const at = key.lastIndexOf('/');
  return [key.slice(0, at), key.slice(at + 1)];
}
