import type { MyDayDto } from '@lookback/contracts';
import { FANGCHENG_HOUSEHOLD, type StopRecord } from '@lookback/fieldwork';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../apps/api/src/common/clock.js';
import type { FieldPacketDto, SyncResultDto } from '../../apps/api/src/fieldwork/fieldwork.service.js';
import { login } from '../support/accounts.js';
import { completeHouseholdRecord } from '../support/field.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';

// Syncs of one plan no longer wait for each other; merges of one record still happen one at a time
// (a lock per client id). Here several phones send their edits of the same records at the same
// moment, many times over: whatever order the server takes them in, no phone's answer may be lost,
// every disagreement is recorded once per merge that found it, and each record is stored once.

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-24T09:00:00+08:00');
  }
}

let t: TestApp;
let inspector: string;
let day: MyDayDto;
let packet: FieldPacketDto;
const base = () => `/api/my/days/${day.planId}/${day.visitDate}`;

const sync = async (deviceId: string, records: StopRecord[]) => {
  const response = await fetch(`${t.baseUrl}${base()}/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${inspector}`, 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId, records, substitutions: [] }),
  });
  return { status: response.status, body: (await response.json()) as SyncResultDto };
};

/** A complete record without problems, answered on `deviceId`. */
function householdRecord(householdNo: string, deviceId: string): StopRecord {
  return completeHouseholdRecord({ planId: day.planId, villageCode: packet.villages[0].villageCode, householdNo, deviceId });
}

/** The server's copy as another phone downloaded it, with item `k` answered differently there later. */
function editedOn(server: StopRecord, deviceId: string, k: number, minute: number): StopRecord {
  const item = FANGCHENG_HOUSEHOLD.items[k];
  const at = `2026-11-24T02:${String(minute).padStart(2, '0')}:00.000Z`;
  return {
    ...server,
    deviceId,
    revision: 1,
    updatedAt: at,
    deviceRevisions: undefined,
    answers: server.answers.map((a) =>
      a.itemId === item.id ? { itemId: a.itemId, value: item.problemWhen, answeredAt: at, problem: { description: `${deviceId} 发现的问题`, problemType: '住房安全', severity: '较重' } } : a,
    ),
  };
}

beforeAll(async () => {
  t = await startTestApp({}, new FixedClock());
  await loadDemoDay(t);
  inspector = await login(t.baseUrl, 'inspector1', 'lookback-demo');
  const days = await (await fetch(`${t.baseUrl}/api/my/days`, { headers: { authorization: `Bearer ${inspector}` } })).json();
  day = (days as MyDayDto[]).find((d) => d.open)!;
  packet = (await (await fetch(`${t.baseUrl}${base()}/packet`, { headers: { authorization: `Bearer ${inspector}` } })).json()) as FieldPacketDto;
});
afterAll(() => t.close());

describe('phones syncing the same records at the same moment', () => {
  it('keep every phone answer, record each conflict and store each record once', async () => {
    const PHONES = 6;
    const households = packet.villages[0].draw.sample.slice(0, 3).map((h) => h.householdNo);
    const originals = households.map((h) => householdRecord(h, 'phone-0000-orig'));
    expect((await sync('phone-0000-orig', originals)).body.acknowledged.records).toHaveLength(originals.length);
    const rows = async (ids: string[]) => new Map(((await t.db.query(`SELECT client_id::text AS id, record FROM stop_record WHERE client_id = ANY($1::uuid[])`, [ids])) as { id: string; record: StopRecord }[]).map((r) => [r.id, r.record]));
    const stored = await rows(originals.map((r) => r.clientId));

    // Each phone edits its own item of every record (phone p: item p + 1), all phones at once; each
    // phone sends its batch twice (a retry racing the first attempt).
    const phones = Array.from({ length: PHONES }, (_, p) => `phone-${String(p + 1).padStart(4, '0')}-edit`);
    const batches = phones.map((phone, p) => originals.map((r) => editedOn(stored.get(r.clientId)!, phone, p + 1, 10 + p)));
    const answers = await Promise.all([...batches, ...batches].map((batch, i) => sync(phones[i % PHONES], batch)));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.rejected).toEqual([]);
      expect(a.body.acknowledged.records).toHaveLength(originals.length);
    }

    // One row per record, holding every phone's answer (none overwritten by a concurrent merge).
    const ids = originals.map((r) => r.clientId);
    expect(Number((await t.db.query(`SELECT count(*)::int AS n FROM stop_record WHERE client_id = ANY($1::uuid[])`, [ids]))[0].n)).toBe(originals.length);
    const after = await rows(ids);
    for (const id of ids) {
      const record = after.get(id)!;
      phones.forEach((phone, p) => {
        const answer = record.answers.find((a) => a.itemId === FANGCHENG_HOUSEHOLD.items[p + 1].id)!;
        expect(answer.problem?.description).toBe(`${phone} 发现的问题`);
      });
      // Every phone's revision is remembered: a late resend of any of them changes nothing.
      for (const phone of phones) expect(record.deviceRevisions?.[phone]).toBe(1);
    }

    // Conflicts: as many rows as the answers reported, and each edited item's disagreement with the
    // original answer is on record, the phone's later answer kept.
    const conflicts: { id: string; conflict: { itemId: string; kept: { answeredBy: string } } }[] = await t.db.query(
      `SELECT client_id::text AS id, conflict FROM record_conflict WHERE client_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(conflicts).toHaveLength(answers.reduce((n, a) => n + a.body.conflicts, 0));
    for (const id of ids) {
      phones.forEach((phone, p) => {
        const item = FANGCHENG_HOUSEHOLD.items[p + 1].id;
        const about = conflicts.filter((c) => c.id === id && c.conflict.itemId === item);
        expect(about.length).toBeGreaterThan(0);
        for (const c of about) expect(c.conflict.kept.answeredBy).toBe(phone);
      });
    }
  });
});
