import { DEFAULT_TEMPLATES, type StopRecord, type Substitution, validateStopRecord, villageProgress } from '@lookback/fieldwork';
import { gradeQuiz, QUIZ_BANK, type QuizAnswer, type QuizResult } from '@lookback/quiz';
import type { DrawRecord } from '@lookback/sampling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoAccountsService } from '../../apps/api/src/auth/demo-accounts.service.js';
import { Clock } from '../../apps/api/src/common/clock.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { DemoPlanService } from '../../apps/api/src/demo/demo-plan.service.js';
import { DEMO_ROUND_NAME, DemoRoundService } from '../../apps/api/src/demo/demo-round.service.js';
import { login } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-24T09:00:00+08:00');
  }
}

let t: TestApp;
let planId: string;
let ensureMs: number;

const records = async (id: string): Promise<StopRecord[]> =>
  (await t.db.query(`SELECT record FROM stop_record WHERE plan_id = $1 ORDER BY village_code, stop_kind, stop_code`, [id])).map((r: { record: StopRecord }) => r.record);
const substitutions = async (id: string): Promise<Substitution[]> =>
  t.db.query(`SELECT village_code AS "villageCode", absent_household_no AS "absentHouseholdNo", replacement_household_no AS "replacementHouseholdNo", stratum, reason FROM substitution WHERE plan_id = $1 ORDER BY absent_household_no`, [id]);
const quizzes = async (id: string): Promise<{ cadreNo: string; answers: Record<string, QuizAnswer>; result: QuizResult; questionIds: string[] }[]> =>
  t.db.query(`SELECT cadre_no AS "cadreNo", answers, result, question_ids AS "questionIds" FROM quiz_result WHERE plan_id = $1 ORDER BY cadre_no`, [id]);
/** A record without what depends on the plan's database id. */
const portable = (r: StopRecord) => ({ ...r, clientId: undefined, planId: undefined });

beforeAll(async () => {
  t = await startTestApp({}, new FixedClock());
  await resetMasterData(t.db);
  await t.db.query(`TRUNCATE plan CASCADE`);
  // Snapshots other test files took in this run's database (the bad-body test posts to every write route) are not the demo's.
  await t.db.query(`TRUNCATE ranking_snapshot CASCADE`);
  await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  await t.app.get(DemoAccountsService).ensure();
  await t.app.get(DemoPlanService).ensure();
  const started = Date.now();
  planId = (await t.app.get(DemoRoundService).ensure())!;
  ensureMs = Date.now() - started;
  expect(await t.app.get(DemoRoundService).ensureHistory()).toBe(true);
}, 180_000);
afterAll(() => t.close());

describe('the demo round', () => {
  it('is a completed plan with two teams, visited weeks before the demo started, beside the sealed plan of today', async () => {
    const planner = await login(t.baseUrl, 'planner', 'lookback-demo');
    const plans = (await (await fetch(`${t.baseUrl}/api/plans`, { headers: { authorization: `Bearer ${planner}` } })).json()) as { id: string; name: string; status: string; completedAt: string; seed: string | null }[];
    const round = plans.find((p) => p.id === planId)!;
    expect(round.name).toBe(DEMO_ROUND_NAME);
    expect(round.status).toBe('completed');
    expect(round.seed).not.toBeNull();
    expect(round.completedAt < '2026-11-24').toBe(true);
    expect(plans.some((p) => p.status === 'sealed')).toBe(true);
    const teams = await t.db.query(`SELECT name FROM team WHERE plan_id = $1 ORDER BY name`, [planId]);
    expect(teams.map((x: { name: string }) => x.name)).toEqual(['第一督查组', '第二督查组']);
    const days: { d: string }[] = await t.db.query(`SELECT DISTINCT to_char(visit_date, 'YYYY-MM-DD') AS d FROM plan_visit WHERE plan_id = $1 ORDER BY 1`, [planId]);
    expect(days.length).toBeGreaterThan(1);
    expect(days.every((x) => x.d >= '2026-10-25' && x.d <= '2026-10-31')).toBe(true);
    const signoffs: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM day_signoff WHERE plan_id = $1 AND signed_at < '2026-11-01'`, [planId]);
    expect(signoffs[0].n).toBeGreaterThan(0);
    // The leader may read it: it is completed.
    const leader = await login(t.baseUrl, 'leader', 'lookback-demo');
    expect((await fetch(`${t.baseUrl}/api/plans/${planId}`, { headers: { authorization: `Bearer ${leader}` } })).status).toBe(200);
  });

  it('has a complete (or substituted) stop for every drawn household, project, asset, interviewee, village checklist and document review', async () => {
    const [plan] = await t.db.query(`SELECT draw_record AS "drawRecord" FROM plan WHERE id = $1`, [planId]);
    const draw = plan.drawRecord as DrawRecord;
    const stored = await records(planId);
    const subs = (await t.db.query(`SELECT client_id AS "clientId", plan_id AS "planId", village_code AS "villageCode", absent_household_no AS "absentHouseholdNo", replacement_household_no AS "replacementHouseholdNo", stratum, reason FROM substitution WHERE plan_id = $1`, [planId])) as Substitution[];
    for (const village of draw.villages) {
      const progress = villageProgress(village, stored, subs, { village: true, documents: true, interviews: true });
      expect(progress.done, `${village.villageName}: ${progress.pending.join(', ')}`).toBe(true);
    }
    expect(subs.length).toBeGreaterThan(0);
    const takers = draw.villages.reduce((n, v) => n + v.quiz.length, 0);
    expect((await quizzes(planId)).length).toBe(takers);
  });

  it('stores only records a sync would accept, and quiz results that are the grading of the stored answers', async () => {
    const templates = new Map(DEFAULT_TEMPLATES.map((x) => [`${x.id}@${x.version}`, x]));
    for (const record of await records(planId)) expect(validateStopRecord(record, templates.get(`${record.templateId}@${record.templateVersion}`)!), record.stopCode).toEqual([]);
    const bank = new Map(QUIZ_BANK.map((q) => [q.id, q]));
    const graded = await quizzes(planId);
    for (const q of graded) expect(gradeQuiz(q.questionIds.map((id) => bank.get(id)!), q.answers)).toEqual(q.result);
    const percents = graded.map((q) => q.result.percent);
    expect(Math.min(...percents)).toBeLessThan(Math.max(...percents));
  });

  it('finds more problems in the priority strata than among ordinary households', async () => {
    const [plan] = await t.db.query(`SELECT draw_record AS "drawRecord" FROM plan WHERE id = $1`, [planId]);
    const draw = plan.drawRecord as DrawRecord;
    const stratum = new Map<string, string>();
    for (const v of draw.villages) {
      for (const h of v.sample) stratum.set(h.householdNo, h.stratum);
      for (const s of v.strata) for (const r of s.reserve) stratum.set(r.householdNo, s.stratum);
    }
    const rate = { priority: [0, 0], other: [0, 0] };
    for (const r of await records(planId)) {
      if (r.stopKind !== 'household' || r.status !== 'complete') continue;
      const s = stratum.get(r.stopCode)!;
      const group = s === 'ordinary' || s === 'tuopin' ? rate.other : rate.priority;
      group[0] += r.answers.some((a) => a.problem) ? 1 : 0;
      group[1]++;
    }
    expect(rate.priority[1]).toBeGreaterThan(0);
    expect(rate.other[1]).toBeGreaterThan(0);
    expect(rate.priority[0] / rate.priority[1]).toBeGreaterThan(rate.other[0] / rate.other[1]);
  });

  it('went through the ledger in the weeks since: items closed with evidence by a second person, some in progress, a few overdue today', async () => {
    const items: { status: string; deadline: string | null; completedOn: string | null; createdAt: Date; submittedBy: string | null; reviewedBy: string | null; evidence: number }[] = await t.db.query(
      `SELECT status, to_char(deadline, 'YYYY-MM-DD') AS deadline, to_char(completed_on, 'YYYY-MM-DD') AS "completedOn", created_at AS "createdAt",
              submitted_by AS "submittedBy", reviewed_by AS "reviewedBy", (SELECT count(*)::int FROM ledger_evidence e WHERE e.item_id = i.id) AS evidence
       FROM ledger_item i WHERE plan_id = $1`,
      [planId],
    );
    const findings = (await t.db.query(`SELECT count(*)::int AS n FROM stop_record s, jsonb_array_elements(s.record->'answers') a WHERE s.plan_id = $1 AND a ? 'problem'`, [planId]))[0].n;
    const linked = (await t.db.query(`SELECT count(*)::int AS n FROM ledger_item_finding f JOIN ledger_item i ON i.id = f.item_id WHERE i.plan_id = $1`, [planId]))[0].n;
    expect(linked).toBe(findings);
    const statuses = new Set(items.map((i) => i.status));
    expect(statuses.has('closed')).toBe(true);
    expect(statuses.has('in-progress') || statuses.has('awaiting-review')).toBe(true);
    const today = '2026-11-24';
    expect(items.filter((i) => i.status !== 'closed' && i.deadline !== null && i.deadline < today).length).toBeGreaterThan(0);
    for (const i of items.filter((x) => x.status === 'closed')) {
      expect(i.evidence).toBeGreaterThan(0);
      expect(i.reviewedBy).not.toBe(i.submittedBy);
      expect(i.completedOn! <= today).toBe(true);
      expect(i.createdAt.getTime()).toBeLessThan(Date.parse(`${i.completedOn}T23:59:59+08:00`));
    }
    const late = await t.db.query(`SELECT count(*)::int AS n FROM ledger_event e JOIN ledger_item i ON i.id = e.item_id WHERE i.plan_id = $1 AND e.at > $2`, [planId, new Date('2026-11-24T09:00:00+08:00')]);
    expect(late[0].n).toBe(0);
  });

  it('ran the daily ledger alerts through those weeks: every overdue item is marked, logged and announced to its town’s unit', async () => {
    // The demo's account of the item's town (other test files add rectifiers of the same towns).
    const DEMO_UNIT = `(u.username = 'rectifier-' || i.town_code OR (u.username = 'rectifier' AND i.town_code = ANY(u.scope_towns)))`;
    const overdue: { id: string; alert: string | null; events: number; notified: number; told: number }[] = await t.db.query(
      `SELECT i.id, i.alert,
              (SELECT count(*)::int FROM ledger_event e WHERE e.item_id = i.id AND e.kind = 'overdue') AS events,
              (SELECT count(*)::int FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.item_id = i.id AND n.kind = 'overdue' AND ${DEMO_UNIT}) AS notified,
              (SELECT count(*)::int FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.item_id = i.id AND n.kind = 'issued' AND ${DEMO_UNIT}) AS told
       FROM ledger_item i WHERE i.plan_id = $1 AND i.status <> 'closed' AND i.deadline < '2026-11-24'`,
      [planId],
    );
    expect(overdue.length).toBeGreaterThan(0);
    for (const item of overdue) expect(item).toMatchObject({ alert: 'overdue', events: 1, notified: 1, told: 1 });
  });

  it('was ranked every Monday since it was completed, each week after what had happened by then', async () => {
    const snapshots: { period: string; asOf: string; previous: string | null; villages: number }[] = await t.db.query(
      `SELECT period, to_char(as_of, 'YYYY-MM-DD') AS "asOf", previous_id AS previous, json_array_length((result::json)->'villages') AS villages FROM ranking_snapshot ORDER BY period`,
    );
    expect(snapshots.map((s) => s.period)).toEqual(['2026-W46', '2026-W47', '2026-W48']);
    // Two Mondays at 06:00 as the scheduler takes them, and this week's as of the demo's start.
    expect(snapshots.map((s) => s.asOf)).toEqual(['2026-11-09', '2026-11-16', '2026-11-24']);
    expect(snapshots[0].previous).toBeNull();
    expect(snapshots.slice(1).every((s) => s.previous !== null)).toBe(true);
    const [plan] = await t.db.query(`SELECT array_length(village_codes, 1) AS n FROM plan WHERE id = $1`, [planId]);
    expect(snapshots.every((s) => s.villages === plan.n)).toBe(true);
  });

  it('is created once, quickly, and the same again from an empty database', async () => {
    expect(ensureMs).toBeLessThan(5_000);
    expect(await t.app.get(DemoRoundService).ensure()).toBe(planId);
    expect(await t.app.get(DemoRoundService).ensureHistory()).toBe(false);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM plan WHERE name = $1`, [DEMO_ROUND_NAME]))[0].n).toBe(1);
    const before = { records: (await records(planId)).map(portable), subs: await substitutions(planId), quizzes: await quizzes(planId) };
    await t.db.query(`DELETE FROM plan WHERE id = $1`, [planId]);
    const again = (await t.app.get(DemoRoundService).ensure())!;
    expect(again).not.toBe(planId);
    const after = { records: (await records(again)).map(portable), subs: await substitutions(again), quizzes: await quizzes(again) };
    expect(after.records.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
    planId = again;
  });
});
