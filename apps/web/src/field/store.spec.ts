import 'fake-indexeddb/auto';
import { FANGCHENG_HOUSEHOLD, type StopRecord } from '@lookback/fieldwork';
import { describe, expect, it } from 'vitest';
import { openFieldDb } from './db.js';
import { deletePhoto, loadDay, savePhoto, saveQuiz, saveRecord, savePacket, signOffDay } from './store.js';
import type { FieldPacket } from './types.js';

const PLAN = '7d0c6a5e-1111-4222-8333-944455556666';
const DATE = '2026-11-24';
const DAY = `${PLAN}/${DATE}`;

const record = (clientId: string, notes: string, deviceId = 'phone-a'): StopRecord => ({
  clientId,
  planId: PLAN,
  villageCode: '411322100201',
  stopKind: 'household',
  stopCode: 'H1',
  templateId: FANGCHENG_HOUSEHOLD.id,
  templateVersion: FANGCHENG_HOUSEHOLD.version,
  answers: [],
  notes,
  status: 'in-progress',
  deviceId,
  revision: 1,
  updatedAt: '2026-11-24T01:00:00.000Z',
});
const packet = (records: StopRecord[], signedOff = false) => ({ route: {}, templates: [], villages: [], records, substitutions: [], signedOff }) as unknown as FieldPacket;

describe('the day kept on the phone', () => {
  it('a new download adds what the server holds and keeps the phone’s own copies and pending sign-off', async () => {
    const db = await openFieldDb(`store-${crypto.randomUUID()}`);
    const mine = '00000000-0000-4000-8000-00000000000a';
    const theirs = '00000000-0000-4000-8000-00000000000b';
    await savePacket(db, PLAN, DATE, packet([]));
    await saveRecord(db, null, DAY, record(mine, '本机较新的备注'), true);
    await signOffDay(db, null, DAY, ['张三', '李四']);
    // The server's packet still has the older copy of mine, another phone's record, and no sign-off yet.
    await savePacket(db, PLAN, DATE, packet([record(mine, '旧备注'), record(theirs, '另一台手机', 'phone-b')], false));
    const day = (await loadDay(db, DAY))!;
    expect(day.day.signedOff).toBe(true);
    expect(day.records.map((r) => [r.clientId, r.record.notes, r.synced]).sort()).toEqual([
      [mine, '本机较新的备注', false],
      [theirs, '另一台手机', true],
    ]);
  });

  it('takes a cadre’s answers once: a second submission returns the first', async () => {
    const db = await openFieldDb(`store-${crypto.randomUUID()}`);
    const first = await saveQuiz(db, null, DAY, 'C001', { Q001: 'A' });
    const second = await saveQuiz(db, null, DAY, 'C001', { Q001: 'B' });
    expect(second).toEqual(first);
    expect((await db.getAll('outbox')).filter((i) => i.kind === 'quiz')).toHaveLength(1);
  });

  it('deletes a photo not yet uploaded with its outbox item, and keeps one the server holds', async () => {
    const db = await openFieldDb(`store-${crypto.randomUUID()}`);
    const stop = '00000000-0000-4000-8000-0000000000aa';
    const meta = (clientId: string) => ({ clientId, stopClientId: stop, sha256: '0'.repeat(64), width: 10, height: 10, bytes: 3, takenAt: '2026-11-24T01:00:00.000Z' }) as never;
    const wrong = '00000000-0000-4000-8000-0000000000b1';
    const kept = '00000000-0000-4000-8000-0000000000b2';
    await savePacket(db, PLAN, DATE, packet([]));
    await savePhoto(db, null, DAY, { bytes: new Uint8Array([1, 2, 3]).buffer, contentType: 'image/jpeg', meta: meta(wrong) });
    await savePhoto(db, null, DAY, { bytes: new Uint8Array([4, 5, 6]).buffer, contentType: 'image/jpeg', meta: meta(kept) });
    // The server acknowledged `kept`: the outbox marks it synced and drops its item.
    await db.put('photos', { ...(await db.get('photos', kept))!, synced: true });
    await db.delete('outbox', `photo:${kept}`);

    expect(await deletePhoto(db, null, wrong)).toBe('deleted');
    expect(await deletePhoto(db, null, kept)).toBe('uploaded');
    expect((await loadDay(db, DAY))!.photos.map((p) => p.clientId)).toEqual([kept]);
    expect((await db.getAll('outbox')).filter((i) => i.kind === 'photo')).toEqual([]);
  });
});
