import { createHash, randomUUID } from 'node:crypto';
import type { MyDayDto } from '@lookback/contracts';
import { FANGCHENG_HOUSEHOLD, type StopRecord, type Substitution } from '@lookback/fieldwork';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../apps/api/src/common/clock.js';
import type { FieldPacketDto, FieldProgressDto, SyncResultDto } from '../../apps/api/src/fieldwork/fieldwork.service.js';
import { login } from '../support/accounts.js';
import { completeHouseholdRecord } from '../support/field.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-24T09:00:00+08:00');
  }
}

let t: TestApp;
let inspector: string;
let planner: string;
let day: MyDayDto;
let packet: FieldPacketDto;
const base = () => `/api/my/days/${day.planId}/${day.visitDate}`;

const call = async <T>(token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(t.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
};

/** A complete household record without problems in the day's first village. */
function householdRecord(householdNo: string, deviceId: string, revision = 1, at = '2026-11-24T01:30:00.000Z'): StopRecord {
  return completeHouseholdRecord({ planId: day.planId, villageCode: packet.villages[0].villageCode, householdNo, deviceId, revision, at });
}

beforeAll(async () => {
  t = await startTestApp({}, new FixedClock());
  await loadDemoDay(t);
  inspector = await login(t.baseUrl, 'inspector1', 'lookback-demo');
  planner = await login(t.baseUrl, 'planner', 'lookback-demo');
  day = (await call<MyDayDto[]>(inspector, 'GET', '/api/my/days')).body.find((d) => d.open)!;
  packet = (await call<FieldPacketDto>(inspector, 'GET', `${base()}/packet`)).body;
});
afterAll(() => t.close());

const count = async (table: string) => Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

describe('the day packet', () => {
  it('holds the route, the checklists, the draw with reserves and quiz sets without answers', async () => {
    expect(packet.route.villages.length).toBeGreaterThan(0);
    expect(packet.templates.map((x) => x.id)).toContain(FANGCHENG_HOUSEHOLD.id);
    expect(packet.villages[0].draw.sample.length).toBeGreaterThanOrEqual(15);
    expect(JSON.stringify(packet.villages[0].quiz)).not.toMatch(/"answer"|"explanation"/);
  });
});

describe('syncing field records', () => {
  it('stores a batch sent three times exactly once', async () => {
    const households = packet.villages[0].draw.sample.slice(0, 5).map((h) => h.householdNo);
    const batch = { deviceId: 'phone-aaaa-1111', records: households.map((h) => householdRecord(h, 'phone-aaaa-1111')), substitutions: [] };
    for (let i = 0; i < 3; i++) {
      const sent = await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, batch);
      expect(sent.status).toBe(200);
      expect(sent.body.acknowledged.records).toHaveLength(5);
      expect(sent.body.rejected).toEqual([]);
    }
    expect(await count('stop_record')).toBe(5);
  });

  it('keeps every answer when two devices edit one record in turns, recording the conflict for the planner', async () => {
    const householdNo = packet.villages[0].draw.sample[6].householdNo;
    const first = householdRecord(householdNo, 'phone-aaaa-1111', 1, '2026-11-24T01:40:00.000Z');
    expect((await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-aaaa-1111', records: [first], substitutions: [] })).body.acknowledged.records).toEqual([first.clientId]);
    // Another phone of the team edits the same record (same clientId): a different answer to item 1, later.
    const item = FANGCHENG_HOUSEHOLD.items[1];
    const other: StopRecord = {
      ...first,
      deviceId: 'phone-bbbb-2222',
      revision: 1,
      updatedAt: '2026-11-24T01:45:00.000Z',
      answers: first.answers.map((a) =>
        a.itemId === item.id ? { itemId: a.itemId, value: item.problemWhen, answeredAt: '2026-11-24T01:45:00.000Z', problem: { description: '房屋墙体开裂', problemType: '住房安全', severity: '较重' } } : a,
      ),
    };
    const second = await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-bbbb-2222', records: [other], substitutions: [] });
    expect(second.body.conflicts).toBe(1);
    // The first phone resends its old copy (a retry): nothing changes, nothing is lost.
    await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-aaaa-1111', records: [first], substitutions: [] });
    const [{ record }] = await t.db.query(`SELECT record FROM stop_record WHERE client_id = $1`, [first.clientId]);
    const stored = (record as StopRecord).answers.find((a) => a.itemId === item.id)!;
    expect(stored.problem?.description).toBe('房屋墙体开裂');
    const progress = (await call<FieldProgressDto>(planner, 'GET', `/api/plans/${day.planId}/fieldwork`)).body;
    expect(progress.conflicts).toHaveLength(1);
    expect(JSON.stringify(progress.conflicts[0].conflict)).toContain(item.id);
    // The planner sees which stop the conflicting record is (not only its client id).
    expect(progress.conflicts[0]).toMatchObject({ clientId: first.clientId, villageCode: packet.villages[0].villageCode, stopKind: 'household', stopCode: householdNo });
    expect(await count('stop_record')).toBe(6);
  });

  it('refuses, on its own, a record whose client id the server holds for another stop; the rest of the batch is stored', async () => {
    const [first, second, third] = packet.villages[0].draw.sample.slice(5, 8).map((h) => h.householdNo);
    const stored = householdRecord(first, 'phone-eeee-5555');
    expect((await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-eeee-5555', records: [stored], substitutions: [] })).body.acknowledged.records).toEqual([stored.clientId]);
    const reused = { ...householdRecord(second, 'phone-ffff-6666'), clientId: stored.clientId };
    const fine = householdRecord(third, 'phone-ffff-6666');
    const answer = await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-ffff-6666', records: [reused, fine], substitutions: [] });
    expect(answer.status).toBe(200);
    expect(answer.body.acknowledged.records).toEqual([fine.clientId]);
    expect(answer.body.rejected).toEqual([{ clientId: stored.clientId, problems: [expect.stringMatching(/记录编号已被另一条记录使用/)] }]);
    const rows: { stop_code: string }[] = await t.db.query(`SELECT stop_code FROM stop_record WHERE client_id = $1`, [stored.clientId]);
    expect(rows).toEqual([{ stop_code: first }]);
  });

  it('refuses a record for a household that was not drawn, and one that is incomplete, saying why', async () => {
    const stranger = householdRecord('411322999999' + '0001', 'phone-aaaa-1111');
    const incomplete = { ...householdRecord(packet.villages[0].draw.sample[7].householdNo, 'phone-aaaa-1111'), answers: [] };
    const result = (await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-aaaa-1111', records: [stranger, incomplete], substitutions: [] })).body;
    expect(result.acknowledged.records).toEqual([]);
    expect(result.rejected.map((r) => r.clientId)).toEqual([stranger.clientId, incomplete.clientId]);
    expect(result.rejected[0].problems[0]).toContain('不是本村应走访的对象');
    expect(result.rejected[1].problems.join()).toContain('未作答');
  });

  it('substitutes an absent household with the next reserve of its stratum, once, and refuses skipping a reserve', async () => {
    const draw = packet.villages[0].draw;
    const absent = draw.sample.find((h) => draw.strata.find((s) => s.stratum === h.stratum)!.reserve.length >= 2)!;
    const reserves = draw.strata.find((s) => s.stratum === absent.stratum)!.reserve;
    const sub = (replacement: string): Substitution => ({
      clientId: randomUUID(),
      planId: day.planId,
      villageCode: draw.villageCode,
      absentHouseholdNo: absent.householdNo,
      reason: 'absent',
      replacementHouseholdNo: replacement,
      stratum: absent.stratum,
      at: '2026-11-24T02:00:00.000Z',
      deviceId: 'phone-aaaa-1111',
    });
    const skipping = (await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-aaaa-1111', records: [], substitutions: [sub(reserves[1].householdNo)] })).body;
    expect(skipping.rejected).toHaveLength(1);
    const good = sub(reserves[0].householdNo);
    for (let i = 0; i < 2; i++) {
      const sent = (await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-aaaa-1111', records: [householdRecord(reserves[0].householdNo, 'phone-aaaa-1111')].slice(i), substitutions: [good] })).body;
      expect(sent.acknowledged.substitutions).toEqual([good.clientId]);
    }
    expect(await count('substitution')).toBe(1);
    const progress = (await call<FieldProgressDto>(planner, 'GET', `/api/plans/${day.planId}/fieldwork`)).body;
    expect(progress.substitutions.map((s) => s.replacementHouseholdNo)).toEqual([reserves[0].householdNo]);
    // Logged with who recorded it (the account whose sync stored it).
    const [{ display_name }] = await t.db.query(`SELECT display_name FROM app_user WHERE username = 'inspector1'`);
    expect(progress.substitutions[0].receivedBy).toBe(display_name);
  });
});

describe('photos', () => {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
  const meta = (clientId: string, content: Buffer) =>
    encodeURIComponent(
      JSON.stringify({ clientId, stopClientId: randomUUID(), sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length, width: 1600, height: 1200, takenAt: '2026-11-24T02:10:00.000Z' }),
    );
  const put = (clientId: string, content: Buffer, header: string) =>
    fetch(`${t.baseUrl}${base()}/photos/${clientId}`, { method: 'PUT', headers: { authorization: `Bearer ${inspector}`, 'content-type': 'image/jpeg', 'x-photo-meta': header }, body: content });

  it('stores a photo once however often it is sent, and checks its SHA-256', async () => {
    const id = randomUUID();
    const header = meta(id, jpeg);
    expect(await (await put(id, jpeg, header)).json()).toMatchObject({ stored: true });
    expect(await (await put(id, jpeg, header)).json()).toMatchObject({ stored: false });
    expect(await count('photo')).toBe(1);
    const corrupted = Buffer.from(jpeg);
    corrupted[100] = 1;
    const bad = await put(randomUUID(), corrupted, meta(id, jpeg));
    expect(bad.status).toBe(400);
  });

  it("refuses a photo for a stored record of a village that is not on the day's route", async () => {
    const record = householdRecord(packet.villages[0].draw.sample[9].householdNo, 'phone-gggg-7777');
    await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, { deviceId: 'phone-gggg-7777', records: [record], substitutions: [] });
    const onRoute = new Set(packet.villages.map((v) => v.villageCode));
    const elsewhere: { code: string }[] = await t.db.query(`SELECT code FROM village WHERE NOT (code = ANY($1)) ORDER BY code LIMIT 1`, [[...onRoute]]);
    // As if another team had stored it: the same record, in a village of someone else's route.
    await t.db.query(`UPDATE stop_record SET village_code = $2 WHERE client_id = $1`, [record.clientId, elsewhere[0].code]);
    const id = randomUUID();
    const header = encodeURIComponent(
      JSON.stringify({ clientId: id, stopClientId: record.clientId, sha256: createHash('sha256').update(jpeg).digest('hex'), bytes: jpeg.length, width: 1600, height: 1200, takenAt: '2026-11-24T02:10:00.000Z' }),
    );
    const before = await count('photo');
    const response = await put(id, jpeg, header);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/不在您今天的走访路线上/);
    expect(await count('photo')).toBe(before);
    await t.db.query(`UPDATE stop_record SET village_code = $2 WHERE client_id = $1`, [record.clientId, record.villageCode]);
    expect((await put(id, jpeg, header)).status).toBe(200);
  });

  it('answers a photo over the limit with a clear message, not a raw 413', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(9 * 1024 * 1024, 1)]);
    const id = randomUUID();
    const response = await put(id, big, meta(id, big));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/照片过大.*压缩/);
  });
});

describe('signing the day off', () => {
  it('is refused while stops are open, naming what is left', async () => {
    const refused = await call<{ message: string }>(inspector, 'POST', `${base()}/sign-off`, { names: ['张三', '李四'] });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('未完成');
  });
});

describe('a day signed off', () => {
  it('refuses records until it is reopened (logged), then takes them; a day that is not a date is not found', async () => {
    const [{ teamId }] = (await t.db.query(`SELECT t.id AS "teamId" FROM team t JOIN team_member m ON m.team_id = t.id JOIN app_user u ON u.id = m.user_id WHERE t.plan_id = $1 AND u.username = 'inspector1'`, [day.planId])) as { teamId: string }[];
    const [{ id: userId }] = (await t.db.query(`SELECT id FROM app_user WHERE username = 'inspector1'`)) as { id: string }[];
    await t.db.query(`INSERT INTO day_signoff (plan_id, team_id, visit_date, names, signed_by) VALUES ($1, $2, $3, ARRAY['张三'], $4)`, [day.planId, teamId, day.visitDate, userId]);
    const record = householdRecord(packet.villages[0].draw.sample[5].householdNo, 'phone-sign-0001');
    const batch = { deviceId: 'phone-sign-0001', records: [record], substitutions: [] };
    const refused = await call<{ message: string }>(inspector, 'POST', `${base()}/sync`, batch);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('签字确认');
    expect(await t.db.query(`SELECT 1 FROM stop_record WHERE client_id = $1`, [record.clientId])).toHaveLength(0);

    expect((await call(inspector, 'POST', `${base()}/reopen`, { reason: '补录一户' })).status).toBeLessThan(300);
    const taken = await call<SyncResultDto>(inspector, 'POST', `${base()}/sync`, batch);
    expect(taken.status).toBe(200);
    expect(taken.body.acknowledged.records).toEqual([record.clientId]);

    for (const date of ['2026-02-30', '2026-11-24x', 'today']) {
      expect((await call(inspector, 'POST', `/api/my/days/${day.planId}/${date}/sync`, batch)).status).toBe(404);
    }
  });
});
