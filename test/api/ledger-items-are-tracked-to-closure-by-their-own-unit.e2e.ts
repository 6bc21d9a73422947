import type { GenerateLedgerResultDto, LedgerItemDetailDto, LedgerItemDto, LedgerListDto, NotificationListDto, PlanFindingDto } from '@lookback/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoAccountsService } from '../../apps/api/src/auth/demo-accounts.service.js';
import { Clock } from '../../apps/api/src/common/clock.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { DemoPlanService } from '../../apps/api/src/demo/demo-plan.service.js';
import { DemoRoundService } from '../../apps/api/src/demo/demo-round.service.js';
import { LedgerAlertsJob } from '../../apps/api/src/ledger/ledger-alerts.job.js';
import { JobRunner } from '../../apps/api/src/scheduler/job-runner.service.js';
import { login, tokenFor } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';

class TestClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

const clock = new TestClock(new Date('2026-11-24T09:00:00+08:00'));
let t: TestApp;
let second: TestApp;
let planner: string;
let planner2: string;
let rectifier: string;
let otherRectifier: string;
let leader: string;
let roundId: string;
let sealedId: string;
let myTown: string;
let otherTown: string;

const call = async <T>(token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(t.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T & { message?: string } };
};

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('整改后的照片（测试）')]);

async function upload(token: string, itemId: string, bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${t.baseUrl}/api/ledger/items/${itemId}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as { stored: boolean; sha256: string; message?: string } };
}

/** Moves the clock (sessions expire with time: sign in again). */
async function at(instant: string): Promise<void> {
  clock.at = new Date(instant);
  planner = await login(t.baseUrl, 'planner', 'lookback-demo');
  rectifier = await login(t.baseUrl, 'rectifier', 'lookback-demo');
  otherRectifier = await login(t.baseUrl, 'rectifier-other', 'test-password-1');
}

const list = async (token: string, query = '') => (await call<LedgerListDto>(token, 'GET', `/api/ledger/items${query}`)).body;

beforeAll(async () => {
  t = await startTestApp({}, clock);
  second = await startTestApp({}, clock);
  await resetMasterData(t.db);
  await t.db.query(`TRUNCATE plan, notification CASCADE`);
  await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  await t.app.get(DemoAccountsService).ensure();
  await t.app.get(DemoPlanService).ensure();
  roundId = (await t.app.get(DemoRoundService).ensure())!;
  // The demo may already have worked the round's ledger (its history): start from its findings alone.
  await t.db.query(`TRUNCATE ledger_item, notification CASCADE`);
  [{ myTown }] = await t.db.query(`SELECT scope_towns[1] AS "myTown" FROM app_user WHERE username = 'rectifier'`);
  [{ otherTown }] = await t.db.query(`SELECT code AS "otherTown" FROM town WHERE code <> $1 ORDER BY code LIMIT 1`, [myTown]);
  [{ id: sealedId }] = await t.db.query(`SELECT id FROM plan WHERE status = 'sealed' LIMIT 1`);
  planner = await login(t.baseUrl, 'planner', 'lookback-demo');
  rectifier = await login(t.baseUrl, 'rectifier', 'lookback-demo');
  leader = await login(t.baseUrl, 'leader', 'lookback-demo');
  planner2 = await tokenFor(t.baseUrl, t.db, 'planner', 'planner-two');
  otherRectifier = await tokenFor(t.baseUrl, t.db, 'rectifier', 'rectifier-other', [otherTown]);
}, 180_000);
afterAll(async () => {
  await second?.close();
  await t?.close();
});

describe('from findings to ledger items', () => {
  it('generates one item per finding, merges a group into one 共性问题, and adds nothing the second time', async () => {
    const findings = (await call<PlanFindingDto[]>(planner, 'GET', `/api/plans/${roundId}/ledger/findings`)).body;
    expect(findings.length).toBeGreaterThan(3);
    expect(findings.every((f) => f.itemId === null)).toBe(true);
    // Two findings of one town and one problem type become one item.
    const pair = findings.flatMap((a, i) => findings.slice(i + 1).filter((b) => b.townCode === a.townCode && b.problemType === a.problemType).map((b) => [a, b]))[0];
    expect(pair).toBeDefined();
    const first = (await call<GenerateLedgerResultDto>(planner, 'POST', `/api/plans/${roundId}/ledger/generate`, { merge: [[pair[0].key, pair[1].key]] })).body;
    expect(first.created).toBe(findings.length - 1);
    expect(first.skipped).toBe(0);
    const merged = first.items.find((i) => i.findings === 2)!;
    expect(merged.nature).toBe('共性问题');
    expect(merged.description).toContain(pair[0].description);
    expect(merged.responsibleUnit).toMatch(/人民政府|办事处$/);
    expect(first.items.filter((i) => i.findings === 1).every((i) => i.nature === '个性问题')).toBe(true);
    expect(new Set(first.items.map((i) => i.seq)).size).toBe(first.items.length);
    const again = (await call<GenerateLedgerResultDto>(planner, 'POST', `/api/plans/${roundId}/ledger/generate`, {})).body;
    expect(again).toMatchObject({ created: 0, skipped: findings.length });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM ledger_item WHERE plan_id = $1`, [roundId]))[0].n).toBe(findings.length - 1);
    const linked = (await call<PlanFindingDto[]>(planner, 'GET', `/api/plans/${roundId}/ledger/findings`)).body;
    expect(linked.every((f) => f.itemId !== null)).toBe(true);
  });

  it('refuses merging findings of different towns, saying why, and changes nothing', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM ledger_item`))[0].n;
    const findings = (await call<PlanFindingDto[]>(planner, 'GET', `/api/plans/${roundId}/ledger/findings`)).body;
    const a = findings[0];
    const b = findings.find((f) => f.townCode !== a.townCode)!;
    expect(b).toBeDefined();
    const refused = await call(planner, 'POST', `/api/plans/${roundId}/ledger/generate`, { merge: [[a.key, b.key]] });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/不同乡镇/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM ledger_item`))[0].n).toBe(before);
  });
});

describe('who sees which items', () => {
  it('rectifiers see nothing until the planner issues the items', async () => {
    expect((await list(rectifier)).items).toEqual([]);
    const any = (await list(planner)).items.find((i) => i.townCode === myTown)!;
    expect((await call(rectifier, 'GET', `/api/ledger/items/${any.id}`)).status).toBe(404);
    const issued = await call<{ issued: number }>(planner, 'POST', `/api/plans/${roundId}/ledger/issue`);
    expect(issued.status).toBe(200);
    expect(issued.body.issued).toBe((await list(planner, `?plan=${roundId}`)).items.length);
  });

  it('a rectifier sees and works only the items of its own town; another town’s item is 404', async () => {
    // Items of both towns exist (a hand-made one for the other town if the round has none).
    const created = await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { townCode: otherTown, problemType: '饮水安全', nature: '个性问题', description: '集中供水点水压不足', deadline: '2026-12-10' });
    expect(created.status).toBe(201);
    await call(planner, 'POST', '/api/ledger/issue', { ids: [created.body.id] });
    const mine = (await list(rectifier)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.townCode === myTown)).toBe(true);
    const foreign = created.body.id;
    expect((await call(rectifier, 'GET', `/api/ledger/items/${foreign}`)).status).toBe(404);
    expect((await call(rectifier, 'PATCH', `/api/ledger/items/${foreign}`, { progressNote: '已整改' })).status).toBe(404);
    expect((await call(rectifier, 'POST', `/api/ledger/items/${foreign}/start`, {})).status).toBe(404);
    expect((await upload(rectifier, foreign, PNG, 'a.png')).status).toBe(404);
    expect((await call(otherRectifier, 'GET', `/api/ledger/items/${foreign}`)).status).toBe(200);
    expect((await call(otherRectifier, 'GET', `/api/ledger/items/${mine[0].id}`)).status).toBe(404);
  });

  it('a rectifier never learns of a plan: no plan on its items, and filtering by a plan finds nothing', async () => {
    const mine = await list(rectifier);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.planId === null && i.planName === null)).toBe(true);
    const one = (await call<LedgerItemDetailDto>(rectifier, 'GET', `/api/ledger/items/${mine.items[0].id}`)).body;
    expect(one).toMatchObject({ planId: null, planName: null });
    // The same answer for the real plan as for an id that is none.
    expect((await list(rectifier, `?plan=${roundId}`)).items).toEqual([]);
    expect((await list(rectifier, '?plan=00000000-0000-4000-8000-000000000000')).items).toEqual([]);
    const planner_ = (await list(planner, `?plan=${roundId}`)).items;
    expect(planner_.length).toBeGreaterThan(0);
    expect(planner_[0].planName).not.toBeNull();
  });

  it('leaders read issued items of completed plans and cannot change anything', async () => {
    const seen = (await list(leader)).items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((i) => i.issued && (i.planId === null || i.planId === roundId))).toBe(true);
    expect((await call(leader, 'PATCH', `/api/ledger/items/${seen[0].id}`, { measures: 'x' })).status).toBe(403);
    expect((await call(leader, 'POST', `/api/ledger/items/${seen[0].id}/start`, {})).status).toBe(403);
  });

  it('items of a plan whose seed is not yet revealed cannot be issued, so rectifiers learn nothing of it', async () => {
    const made = await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { planId: sealedId, townCode: myTown, problemType: '住房安全', nature: '个性问题', description: '危房改造未完工' });
    expect(made.status).toBe(201);
    const refused = await call(planner, 'POST', '/api/ledger/issue', { ids: [made.body.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/尚未公开种子/);
    expect((await list(rectifier)).items.some((i) => i.id === made.body.id)).toBe(false);
    expect((await call(rectifier, 'GET', `/api/ledger/items/${made.body.id}`)).status).toBe(404);
    expect((await list(leader)).items.some((i) => i.id === made.body.id)).toBe(false);
  });
});

describe('the workflow to 销号', () => {
  let itemId: string;

  it('needs 整改中 first, then evidence and a 整改情况 note before 提交核验', async () => {
    itemId = (await list(rectifier)).items[0].id;
    const early = await call(rectifier, 'POST', `/api/ledger/items/${itemId}/submit`, { note: '已整改' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/待整改/);
    expect((await call<LedgerItemDetailDto>(rectifier, 'POST', `/api/ledger/items/${itemId}/start`, {})).body.status).toBe('in-progress');
    const noEvidence = await call(rectifier, 'POST', `/api/ledger/items/${itemId}/submit`, { note: '已为该户办理医保参保' });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.message).toMatch(/照片|佐证/);
    const notImage = await upload(rectifier, itemId, Buffer.from('just text'), 'x.txt');
    expect(notImage.status).toBe(400);
    expect(notImage.body.message).toMatch(/JPEG.*PDF/);
    const tooBig = await upload(rectifier, itemId, Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]), 'big.png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toMatch(/上限 10 MB/);
    const stored = await upload(rectifier, itemId, PNG, '整改后.png');
    expect(stored).toMatchObject({ status: 201, body: { stored: true } });
    expect((await upload(rectifier, itemId, PNG, '整改后.png')).body.stored).toBe(false);
    const noNote = await call(rectifier, 'POST', `/api/ledger/items/${itemId}/submit`, {});
    expect(noNote.status).toBe(400);
    expect(noNote.body.message).toMatch(/整改情况/);
    const submitted = await call<LedgerItemDetailDto>(rectifier, 'POST', `/api/ledger/items/${itemId}/submit`, { note: '已为该户办理医保参保，取得缴费凭证' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'awaiting-review', progressNote: '已为该户办理医保参保，取得缴费凭证', evidence: 1 });
    expect(submitted.body.evidenceFiles[0].fileName).toBe('整改后.png');
    // While it waits for review the unit changes nothing.
    const late = await call(rectifier, 'PATCH', `/api/ledger/items/${itemId}`, { progressNote: '再补一句' });
    expect(late.status).toBe(409);
    expect((await upload(rectifier, itemId, Buffer.concat([PNG, Buffer.from('x')]), 'late.png')).status).toBe(409);
    const file = await fetch(`${t.baseUrl}/api/ledger/items/${itemId}/evidence/${submitted.body.evidenceFiles[0].id}`, { headers: { authorization: `Bearer ${planner}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('the rectifier cannot close its own item; a planner sends it back with a reason', async () => {
    const selfClose = await call(rectifier, 'POST', `/api/ledger/items/${itemId}/close`, {});
    expect(selfClose.status).toBe(403);
    const noReason = await call(planner, 'POST', `/api/ledger/items/${itemId}/send-back`, { note: '' });
    expect(noReason.status).toBe(400);
    const back = await call<LedgerItemDetailDto>(planner, 'POST', `/api/ledger/items/${itemId}/send-back`, { note: '照片看不出参保信息，请补充缴费凭证' });
    expect(back.body.status).toBe('in-progress');
    expect(back.body.completedOn).toBeNull();
    const notes = (await call<NotificationListDto>(rectifier, 'GET', '/api/notifications')).body;
    expect(notes.notifications.some((n) => n.itemId === itemId && n.text.includes('退回'))).toBe(true);
  });

  it('after re-rectification a planner closes it: 销号 with the reviewer and the day recorded, every step in the history', async () => {
    await upload(rectifier, itemId, Buffer.concat([PNG, Buffer.from('凭证')]), '缴费凭证.png');
    await call(rectifier, 'POST', `/api/ledger/items/${itemId}/submit`, { note: '已补充缴费凭证' });
    const closed = await call<LedgerItemDetailDto>(planner, 'POST', `/api/ledger/items/${itemId}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', completedOn: '2026-11-24', reviewedBy: '督查组长（演示）' });
    const steps = closed.body.events.filter((e) => e.kind === 'transition').map((e) => `${e.fromStatus}→${e.toStatus}`);
    expect(steps).toEqual(['pending→in-progress', 'in-progress→awaiting-review', 'awaiting-review→in-progress', 'in-progress→awaiting-review', 'awaiting-review→closed']);
    expect(closed.body.events.find((e) => e.toStatus === 'in-progress' && e.fromStatus === 'awaiting-review')!.note).toMatch(/缴费凭证/);
    expect(closed.body.events.filter((e) => e.toStatus === 'awaiting-review').map((e) => e.note)).toEqual(['已为该户办理医保参保，取得缴费凭证', '已补充缴费凭证']);
    expect((await call(rectifier, 'PATCH', `/api/ledger/items/${itemId}`, { progressNote: '再改' })).status).toBe(409);
  });

  it('a planner who rectified an item (a county unit without an account) cannot also close it; another planner can', async () => {
    const made = (await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { townCode: myTown, problemType: '档卡资料', nature: '共性问题', description: '明白卡信息未更新' })).body;
    await call(planner, 'POST', `/api/ledger/items/${made.id}/start`, {});
    await upload(planner, made.id, PNG, 'p.png');
    await call(planner, 'POST', `/api/ledger/items/${made.id}/submit`, { note: '已更新明白卡' });
    const self = await call(planner, 'POST', `/api/ledger/items/${made.id}/close`, {});
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/不能为自己核验/);
    expect((await call<LedgerItemDetailDto>(planner2, 'POST', `/api/ledger/items/${made.id}/close`, {})).body.status).toBe('closed');
    // The database refuses it too.
    await expect(t.db.query(`UPDATE ledger_item SET reviewed_by = submitted_by WHERE id = $1`, [made.id])).rejects.toThrow(/ledger_item_reviewer_check/);
  });
});

describe('overdue (逾期) at the day boundary in China time', () => {
  let id: string;
  it('is not overdue at 23:59 of the deadline day, and is at 00:00 of the next day', async () => {
    id = (await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { townCode: myTown, problemType: '饮水安全', nature: '个性问题', description: '水窖未加盖', deadline: '2026-11-30' })).body.id;
    await call(planner, 'POST', '/api/ledger/issue', { ids: [id] });
    await at('2026-11-30T23:59:00+08:00');
    let item = (await list(rectifier)).items.find((i) => i.id === id)!;
    expect(item).toMatchObject({ overdue: false, dueSoon: true });
    expect((await list(rectifier, '?overdue=true')).items.some((i) => i.id === id)).toBe(false);
    await at('2026-12-01T00:00:00+08:00'); // still 2026-11-30 in UTC
    item = (await list(rectifier)).items.find((i) => i.id === id)!;
    expect(item).toMatchObject({ overdue: true, dueSoon: false });
    expect((await list(rectifier, '?overdue=true')).items.some((i) => i.id === id)).toBe(true);
    const noDeadline = (await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { townCode: myTown, problemType: '帮扶责任', nature: '共性问题', description: '帮扶责任人走访不经常', deadline: null })).body;
    expect(noDeadline.overdue).toBe(false);
  });
});

describe('the daily job (07:00)', () => {
  const notificationsOf = async (username: string) =>
    (await t.db.query(`SELECT n.kind, n.item_id AS "itemId", n.dedupe_key AS key FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = $1 AND n.kind IN ('due-soon', 'overdue') ORDER BY n.id`, [username])) as { kind: string; itemId: string; key: string }[];

  it('notifies the unit and the planner once per item and state, even when two instances run it and it runs again', async () => {
    const dueSoonId = (await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { townCode: myTown, problemType: '住房安全', nature: '个性问题', description: '厨房墙体裂缝', deadline: '2026-12-08' })).body.id;
    await call(planner, 'POST', '/api/ledger/issue', { ids: [dueSoonId] });
    const unissued = (await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { townCode: myTown, problemType: '住房安全', nature: '个性问题', description: '未下发的事项', deadline: '2026-12-02' })).body.id;
    await at('2026-12-05T07:30:00+08:00');
    const runners = [t.app.get(JobRunner), second.app.get(JobRunner)];
    const outcomes = await Promise.all([runners[0].runDue('ledger-alerts'), runners[1].runDue('ledger-alerts'), runners[0].runDue('ledger-alerts')]);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(await runners[1].runDue('ledger-alerts')).toBe('already-done');
    const once = await notificationsOf('rectifier');
    expect(once.filter((n) => n.itemId === dueSoonId).map((n) => n.kind)).toEqual(['due-soon']);
    expect(once.filter((n) => n.itemId === unissued)).toEqual([]); // never issued: the unit is not told
    expect((await notificationsOf('planner')).filter((n) => n.itemId === unissued).map((n) => n.kind)).toEqual(['overdue']);
    const overdueKinds = once.filter((n) => n.kind === 'overdue');
    expect(overdueKinds.length).toBeGreaterThan(0);
    expect(new Set(once.map((n) => n.key)).size).toBe(once.length);
    // An admin's forced re-run of the same day adds nothing.
    const job = t.app.get(LedgerAlertsJob);
    expect(await runners[1].runPeriod(job, '2026-12-05', true)).toBe('ran');
    expect(await notificationsOf('rectifier')).toEqual(once);
    const sameItems = async () => {
      const ids = new Set(once.map((n) => n.itemId));
      return (await notificationsOf('rectifier')).filter((n) => ids.has(n.itemId));
    };
    // Next day: still due soon (same state, no new notice); two days later it is overdue: one new notice.
    await at('2026-12-06T07:00:00+08:00');
    await runners[0].runDue('ledger-alerts');
    expect(await sameItems()).toEqual(once);
    await at('2026-12-09T07:00:00+08:00');
    await runners[1].runDue('ledger-alerts');
    const later = (await notificationsOf('rectifier')).filter((n) => n.itemId === dueSoonId).map((n) => n.kind);
    expect(later).toEqual(['due-soon', 'overdue']);
    const [{ alert }] = await t.db.query(`SELECT alert FROM ledger_item WHERE id = $1`, [dueSoonId]);
    expect(alert).toBe('overdue');
    const history = (await call<LedgerItemDetailDto>(rectifier, 'GET', `/api/ledger/items/${dueSoonId}`)).body.events.map((e) => e.kind);
    expect(history.filter((k) => k === 'due-soon' || k === 'overdue')).toEqual(['due-soon', 'overdue']);
  });

  it('each user lists and marks only their own notifications', async () => {
    const mine = (await call<NotificationListDto>(rectifier, 'GET', '/api/notifications')).body;
    expect(mine.unread).toBeGreaterThan(0);
    const first = mine.notifications[0];
    expect((await call(otherRectifier, 'POST', `/api/notifications/${first.id}/read`)).status).toBe(404);
    expect((await call(rectifier, 'POST', `/api/notifications/${first.id}/read`)).status).toBe(204);
    expect((await call<NotificationListDto>(rectifier, 'GET', '/api/notifications')).body.unread).toBe(mine.unread - 1);
    await call(rectifier, 'POST', '/api/notifications/read-all');
    expect((await call<NotificationListDto>(rectifier, 'GET', '/api/notifications')).body.unread).toBe(0);
  });
});

describe('a wrong evidence file (传错的佐证材料)', () => {
  const remove = (token: string, id: string, evidenceId: string) => call<LedgerItemDetailDto>(token, 'DELETE', `/api/ledger/items/${id}/evidence/${evidenceId}`);
  const detail = async (token: string, id: string) => (await call<LedgerItemDetailDto>(token, 'GET', `/api/ledger/items/${id}`)).body;
  const stored = async (id: string): Promise<string[]> =>
    (await t.db.query(`SELECT file_name AS name FROM ledger_evidence WHERE item_id = $1 ORDER BY file_name`, [id])).map((r: { name: string }) => r.name);

  it('is removed by its uploader before the item is submitted with it, and the removal is in the history', async () => {
    await at('2026-12-20T10:00:00+08:00');
    leader = await login(t.baseUrl, 'leader', 'lookback-demo');
    const colleague = await tokenFor(t.baseUrl, t.db, 'rectifier', 'rectifier-colleague', [myTown]);
    const made = (await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { townCode: myTown, problemType: '档卡资料', nature: '个性问题', description: '户档案缺少帮扶记录' })).body;
    await call(planner, 'POST', '/api/ledger/issue', { ids: [made.id] });
    await call(rectifier, 'POST', `/api/ledger/items/${made.id}/start`, {});
    await upload(rectifier, made.id, Buffer.concat([PNG, Buffer.from('别的村的照片')]), '传错了.png');
    await upload(rectifier, made.id, Buffer.concat([PNG, Buffer.from('帮扶记录')]), '帮扶记录.png');

    // Uploaded at the same instant of the test clock: compared by name.
    const byName = (files: LedgerItemDetailDto['evidenceFiles']) => [...files].sort((a, b) => a.fileName.localeCompare(b.fileName));
    const mine = byName((await detail(rectifier, made.id)).evidenceFiles);
    expect(mine.map((f) => [f.fileName, f.removable])).toEqual([['传错了.png', true], ['帮扶记录.png', true]]);
    expect((await detail(colleague, made.id)).evidenceFiles.map((f) => f.removable)).toEqual([false, false]);
    expect((await detail(planner, made.id)).evidenceFiles.map((f) => f.removable)).toEqual([false, false]);
    const wrong = mine[0].id;

    const byColleague = await remove(colleague, made.id, wrong);
    expect(byColleague.status).toBe(403);
    expect(byColleague.body.message).toMatch(/自己上传/);
    expect((await remove(planner, made.id, wrong)).status).toBe(403);
    expect((await remove(leader, made.id, wrong)).status).toBe(403);
    expect((await remove(otherRectifier, made.id, wrong)).status).toBe(404);
    expect((await remove(rectifier, made.id, 'not-an-id')).status).toBe(404);
    expect(await stored(made.id)).toEqual(['传错了.png', '帮扶记录.png']);

    const removed = await remove(rectifier, made.id, wrong);
    expect(removed.status).toBe(200);
    expect(removed.body.evidenceFiles.map((f) => f.fileName)).toEqual(['帮扶记录.png']);
    expect(removed.body.evidence).toBe(1);
    expect(removed.body.events.filter((e) => e.kind.startsWith('evidence')).map((e) => `${e.kind} ${e.note}`)).toEqual([
      'evidence 上传 传错了.png',
      'evidence 上传 帮扶记录.png',
      'evidence-removed 删除 传错了.png',
    ]);
    expect(await stored(made.id)).toEqual(['帮扶记录.png']);
    expect((await fetch(`${t.baseUrl}/api/ledger/items/${made.id}/evidence/${wrong}`, { headers: { authorization: `Bearer ${planner}` } })).status).toBe(404);
    expect((await remove(rectifier, made.id, wrong)).status).toBe(404);
  });

  it('stays once a reviewer has seen it: not while awaiting review, and not after it is sent back', async () => {
    const { items } = await list(rectifier, '?status=in-progress');
    const item = items.find((i) => i.description === '户档案缺少帮扶记录')!;
    const seenFile = (await detail(rectifier, item.id)).evidenceFiles[0];
    await at('2026-12-20T10:10:00+08:00');
    await call(rectifier, 'POST', `/api/ledger/items/${item.id}/submit`, { note: '已补齐帮扶记录' });
    const waiting = await remove(rectifier, item.id, seenFile.id);
    expect(waiting.status).toBe(409);
    expect(waiting.body.message).toMatch(/已整改待核验.*不能删除/);

    await at('2026-12-20T10:20:00+08:00');
    await call(planner, 'POST', `/api/ledger/items/${item.id}/send-back`, { note: '照片不清楚，请重新拍摄' });
    await at('2026-12-20T10:30:00+08:00');
    await upload(rectifier, item.id, Buffer.concat([PNG, Buffer.from('重新拍摄')]), '重拍.png');
    const after = await detail(rectifier, item.id);
    expect(after.evidenceFiles.map((f) => [f.fileName, f.removable])).toEqual([['帮扶记录.png', false], ['重拍.png', true]]);
    const seen = await remove(rectifier, item.id, seenFile.id);
    expect(seen.status).toBe(409);
    expect(seen.body.message).toMatch(/已随整改提交核验/);
    expect((await remove(rectifier, item.id, after.evidenceFiles[1].id)).status).toBe(200);
    expect(await stored(item.id)).toEqual(['帮扶记录.png']);
  });
});

describe('bad input to an item is refused in words and changes nothing', () => {
  it('refuses a day that does not exist, a deadline already past, and a blank description or unit', async () => {
    await at('2026-12-21T09:00:00+08:00');
    const body = { townCode: myTown, problemType: '档卡资料', nature: '个性问题', description: '明白卡未张贴' };
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM ledger_item`))[0].n as number;
    const before = await count();
    for (const [change, message] of [
      [{ deadline: '2026-02-30' }, /完成时限应为有效日期/],
      [{ deadline: '2026-12-20' }, /早于今天（2026-12-21）/],
      [{ description: '   ' }, /问题表述（至少 2 个字）/],
      [{ responsibleUnit: ' 镇 ' }, /责任单位至少 2 个字/],
    ] as const) {
      const refused = await call(planner, 'POST', '/api/ledger/items', { ...body, ...change });
      expect(refused.status, JSON.stringify(change)).toBe(400);
      expect(refused.body.message).toMatch(message);
    }
    expect(await count()).toBe(before);

    const made = await call<LedgerItemDto>(planner, 'POST', '/api/ledger/items', { ...body, deadline: '2026-12-21' });
    expect(made.status).toBe(201);
    for (const [change, message] of [
      [{ deadline: '2027-02-29' }, /完成时限应为有效日期/],
      [{ deadline: '2026-12-01' }, /早于今天/],
      [{ description: '  x ' }, /问题表述至少 2 个字/],
      [{ responsibleUnit: ' a ' }, /责任单位至少 2 个字/],
    ] as const) {
      const refused = await call(planner, 'PATCH', `/api/ledger/items/${made.body.id}`, change);
      expect(refused.status, JSON.stringify(change)).toBe(400);
      expect(refused.body.message).toMatch(message);
    }
    const kept = (await call<LedgerItemDetailDto>(planner, 'GET', `/api/ledger/items/${made.body.id}`)).body;
    expect(kept).toMatchObject({ deadline: '2026-12-21', description: '明白卡未张贴' });
    expect(kept.events.map((e) => e.kind)).toEqual(['created']);
    // A day later the deadline has passed; other edits of the item still go through.
    await at('2026-12-22T09:00:00+08:00');
    expect((await call(planner, 'PATCH', `/api/ledger/items/${made.body.id}`, { measures: '逐户张贴明白卡', deadline: '2026-12-21' })).status).toBe(200);
  });
});
