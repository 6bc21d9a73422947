import { ALGORITHM_VERSION, commitment, type DrawRecord, verify } from '@lookback/sampling';
import { QUIZ_BANK } from '@lookback/quiz';
import { parseHouseholdTable, readTable } from '@lookback/roster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { tokenFor } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';

interface PlanBody {
  plan: { id: string; status: string; commitment: string; seed: string | null; villageCodes: string[]; townCodes: string[]; redraws: number };
  draw: DrawRecord;
}

let t: TestApp;
let planner: string;
let villages: { code: string; townCode: string }[];

beforeAll(async () => {
  t = await startTestApp();
  await resetMasterData(t.db);
  await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  planner = await tokenFor(t.baseUrl, t.db, 'planner', 'plan-planner');
  villages = await t.db.query(`SELECT code, town_code AS "townCode" FROM village ORDER BY code`);
});
afterAll(() => t.close());

const call = async (token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(t.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, text };
};

describe('a plan from draft to reveal', () => {
  let created: PlanBody;

  it('draws at least 15 households per village, commits to the seed before showing the sample, and keeps the seed back', async () => {
    const chosen = villages.slice(0, 3).map((v) => v.code);
    // A seed anyone could guess would let them recompute the draw from the published commitment.
    const weak = await call(planner, 'POST', '/api/plans', { name: '第四季度回头看', villages: chosen, seed: '1' });
    expect(weak.status).toBe(400);
    expect((weak.body as { message: string }).message).toMatch(/种子太短/);
    const response = await call(planner, 'POST', '/api/plans', { name: '第四季度回头看', villages: chosen, seed: '31415926535897932384' });
    expect(response.status).toBe(201);
    created = response.body as PlanBody;
    expect(created.plan).toMatchObject({ status: 'draft', seed: null, villageCodes: chosen });
    expect(created.draw.seed).toBeNull();
    expect(JSON.stringify(response.body)).not.toContain('31415926535897932384');
    expect(created.plan.commitment).toBe(commitment('31415926535897932384', created.draw.snapshotHash, created.draw.settings, ALGORITHM_VERSION));
    for (const village of created.draw.villages) {
      expect(village.sampleSize).toBe(Math.min(15, village.households));
      // Σ over the village of π = Σ_h N_h · n_h/N_h = n
      expect(village.strata.reduce((sum, s) => sum + s.population * s.probability, 0)).toBeCloseTo(village.sampleSize, 9);
      for (const taker of village.quiz) {
        expect(taker.questionIds).toHaveLength(10);
        expect(new Set(taker.questionIds).size).toBe(10);
        expect(taker.questionIds.every((id) => QUIZ_BANK.some((q) => q.id === id))).toBe(true);
      }
      expect(village.interviewees.map((i) => i.role)).toEqual(expect.arrayContaining(['村党支部书记', '乡村振兴专干']));
    }
  });

  it('may be drawn again while a draft, which changes the commitment and is logged', async () => {
    const again = await call(planner, 'POST', `/api/plans/${created.plan.id}/redraw`, { seed: '27182818284590452353' });
    expect(again.status).toBe(200);
    const body = again.body as PlanBody;
    expect(body.plan.commitment).not.toBe(created.plan.commitment);
    expect(body.plan.redraws).toBe(1);
    const log = (await call(planner, 'GET', `/api/access-log?targetType=plan&targetId=${created.plan.id}`)).body as { action: string }[];
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'redraw']));
    created = body;
  });

  it('is frozen once sealed', async () => {
    expect((await call(planner, 'POST', `/api/plans/${created.plan.id}/seal`)).status).toBe(200);
    const redraw = await call(planner, 'POST', `/api/plans/${created.plan.id}/redraw`, { seed: '16180339887498948482' });
    expect(redraw.status).toBe(409);
    expect((redraw.body as { message: string }).message).toContain('封存');
    const read = (await call(planner, 'GET', `/api/plans/${created.plan.id}`)).body as PlanBody;
    expect(read.plan.commitment).toBe(created.plan.commitment);
  });

  it('keeps the seed secret until its last visit day is over: a day ahead, or today before the team signs it off', async () => {
    const id = created.plan.id;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const [{ teamId }] = await t.db.query(`INSERT INTO team (plan_id, name, start_label, start_lat, start_lng) VALUES ($1, '第一督查组', '县政府', 33.25, 113.0) RETURNING id AS "teamId"`, [id]);
    await t.db.query(`INSERT INTO plan_visit (plan_id, village_code, team_id, visit_date) SELECT $1, v, $2, $3 FROM unnest($4::text[]) v`, [id, teamId, tomorrow, created.plan.villageCodes]);
    const early = await call(planner, 'POST', `/api/plans/${id}/reveal`);
    expect(early.status).toBe(409);
    expect((early.body as { message: string }).message).toContain(`走访尚未结束：${tomorrow} 还有 ${created.plan.villageCodes.length} 个村`);
    await t.db.query(`UPDATE plan_visit SET visit_date = $2 WHERE plan_id = $1`, [id, today]);
    expect((await call(planner, 'POST', `/api/plans/${id}/reveal`)).status).toBe(409);
    const [{ userId }] = await t.db.query(`SELECT id AS "userId" FROM app_user WHERE username = 'plan-planner'`);
    await t.db.query(`INSERT INTO day_signoff (plan_id, team_id, visit_date, names, signed_by) VALUES ($1, $2, $3, '{张建国}', $4)`, [id, teamId, today, userId]);
    expect(((await call(planner, 'GET', `/api/plans/${id}`)).body as PlanBody).plan.status).toBe('sealed');
  });

  it('after the reveal, anyone can re-run the draw from the downloaded record and roster and get MATCH', async () => {
    const revealed = await call(planner, 'POST', `/api/plans/${created.plan.id}/reveal`);
    expect(revealed.status).toBe(200);
    expect((revealed.body as { seed: string }).seed).toBe('27182818284590452353');
    const record = JSON.parse((await call(planner, 'GET', `/api/plans/${created.plan.id}/draw-record.json`)).text) as DrawRecord;
    expect(record.seed).toBe('27182818284590452353');
    const rosterCsv = await fetch(`${t.baseUrl}/api/plans/${created.plan.id}/roster.csv`, { headers: { authorization: `Bearer ${planner}` } });
    const households = parseHouseholdTable(await readTable(new Uint8Array(await rosterCsv.arrayBuffer()))).records;
    // Names are masked in the export (no full-export right), and it verifies all the same.
    expect(households.length).toBeGreaterThan(0);
    expect(households.every((h) => h.headName.includes('*') || Array.from(h.headName).length < 2)).toBe(true);
    // Households, projects, assets and people are verified from the roster; quiz ids are filled by the plan.
    expect(verify(record, households)).toMatchObject({ match: true });
    const tampered = households.map((h, i) => (i === 0 ? { ...h, incomePerCapita: h.incomePerCapita + 1 } : h));
    expect(verify(record, tampered).match).toBe(false);
  });
});

describe('plans are secret (四不两直)', () => {
  let planId: string;
  beforeAll(async () => {
    const body = (await call(planner, 'POST', '/api/plans', { name: '暗访方案', perTown: 2 })).body as PlanBody;
    planId = body.plan.id;
    expect(body.plan.villageCodes).toHaveLength(2 * new Set(villages.map((v) => v.townCode)).size);
  });

  it('a rectifier cannot list plans and is told a plan does not exist, exactly as for an unknown id', async () => {
    const rectifier = await tokenFor(t.baseUrl, t.db, 'rectifier', 'secret-rectifier', [villages[0].townCode]);
    expect((await call(rectifier, 'GET', '/api/plans')).status).toBe(403);
    const real = await call(rectifier, 'GET', `/api/plans/${planId}`);
    const fake = await call(rectifier, 'GET', '/api/plans/11111111-1111-1111-1111-111111111111');
    expect(real.status).toBe(404);
    expect(real.text).toBe(fake.text);
    expect((await call(rectifier, 'GET', `/api/plans/${planId}/draw-record.json`)).status).toBe(404);
  });

  it('admins, inspectors without a team and leaders before completion get 404, as for a plan that does not exist', async () => {
    for (const [role, name] of [['admin', 'secret-admin'], ['inspector', 'secret-inspector'], ['leader', 'secret-leader']] as const) {
      const token = await tokenFor(t.baseUrl, t.db, role, name);
      const real = await call(token, 'GET', `/api/plans/${planId}`);
      const fake = await call(token, 'GET', '/api/plans/11111111-1111-1111-1111-111111111111');
      expect(real.status).toBe(404);
      expect(real.body).toEqual(fake.body);
      if (role !== 'admin') expect((await call(token, 'GET', '/api/plans')).body).toEqual([]);
      expect((await call(token, 'GET', `/api/plans/${planId}/roster.csv`)).status).toBe(404);
    }
  });

  it('a planner of another town does not see it', async () => {
    const other = await tokenFor(t.baseUrl, t.db, 'planner', 'other-town-planner', [villages[0].townCode]);
    expect((await call(other, 'GET', `/api/plans/${planId}`)).status).toBe(404);
    expect(((await call(other, 'GET', '/api/plans')).body as { id: string }[]).map((p) => p.id)).not.toContain(planId);
  });

  it('leaders read it once completed; every read is in the access log', async () => {
    await call(planner, 'POST', `/api/plans/${planId}/seal`);
    await call(planner, 'POST', `/api/plans/${planId}/reveal`);
    expect((await call(planner, 'POST', `/api/plans/${planId}/complete`)).status).toBe(200);
    const leader = await tokenFor(t.baseUrl, t.db, 'leader', 'secret-leader');
    expect((await call(leader, 'GET', `/api/plans/${planId}`)).status).toBe(200);
    const log = (await call(planner, 'GET', `/api/access-log?targetType=plan&targetId=${planId}`)).body as { username: string; action: string }[];
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'secret-leader', action: 'read' })]));
    // An admin audits who read a plan and when, but learns neither which plan nor its commitment,
    // and cannot probe for a plan id by filtering on it.
    const admin = await tokenFor(t.baseUrl, t.db, 'admin', 'secret-admin');
    const seen = (await call(admin, 'GET', '/api/access-log?targetType=plan&limit=1000')).body as { targetId: string | null; detail: unknown; redacted?: boolean }[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.targetId === null && e.detail === null && e.redacted === true)).toBe(true);
    expect(JSON.stringify((await call(admin, 'GET', '/api/access-log?limit=1000')).body)).not.toContain(planId);
    expect((await call(admin, 'GET', `/api/access-log?targetId=${planId}`)).body).toEqual([]);
  });

  it('refuses bad plan input with clear messages', async () => {
    const none = await call(planner, 'POST', '/api/plans', { name: 'x' });
    expect(none.status).toBe(400);
    expect((none.body as { message: string }).message).toContain('抽查村');
    const unknown = await call(planner, 'POST', '/api/plans', { name: 'x', villages: ['411322999999'] });
    expect((unknown.body as { message: string }).message).toContain('411322999999');
    const settings = await call(planner, 'POST', '/api/plans', { name: 'x', villages: [villages[0].code], settings: { perVillage: 3 } });
    expect(settings.status).toBe(400);
    expect((settings.body as { message: string }).message).toBe('抽样设置有误：每村抽取户数应为 15 至 100000 的整数，现为 3');
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM plan`))[0].n as number;
    const before = await count();
    const village = villages[0].code;
    const otherVillage = villages.find((v) => v.code !== village)!.code;
    const [{ elsewhere }] = await t.db.query(`SELECT household_no AS elsewhere FROM household WHERE village_code = $1 LIMIT 1`, [otherVillage]);
    for (const [body, message] of [
      [{ name: '   ', villages: [village] }, '请填写方案名称'],
      [{ name: 'x', villages: [village], perTown: 2 }, '抽查村请二选一：列出村（villages），或每个乡镇随机抽取若干村（perTown）'],
      [{ name: 'x', towns: [villages[0].townCode] }, '只选乡镇（towns）时，还须给出每个乡镇抽取的村数（perTown）'],
      [{ name: 'x', villages: [village], settings: { strata: { ordinary: { weight: 1, minimum: 0 } } } }, '抽样设置有误：一般农户的最少户数应为 1 至 100000 的整数，现为 0'],
      [{ name: 'x', villages: [village], settings: { strata: { monitored: { weight: 0 } } } }, '抽样设置有误：监测对象的权重应为 1 至 1000 的整数，现为 0'],
      [{ name: 'x', villages: [village], settings: { mustVisit: [elsewhere] } }, `抽样设置有误：这些必访户不在所选村的农户名单中：${elsewhere}（请确认户编号，以及其所在村已选入方案）`],
      [{ name: 'x', villages: [village], settings: { colour: 'red' } }, '抽样设置有误：没有“colour”这一设置'],
    ] as const) {
      const refused = await call(planner, 'POST', '/api/plans', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((refused.body as { message: string }).message).toBe(message);
    }
    expect(await count()).toBe(before);
  });
});
