/**
 * Weekly 排队 through the API, with scenario-named villages of the tiny demo county:
 * - "mixed-light": three households with one 一般 乡村建设 finding each;
 * - "mixed-severe": three households with one 严重 住房安全 finding each (same raw count);
 * - "clean" and "clean-twin": every household without a finding — a certain statistical tie;
 * - "partly-visited": one household visited, the other strata not at all — cannot be scored;
 * - "not-completed": inspected, but its plan is only revealed, never completed.
 * Field records are stored by the field-work repository exactly as a sync stores them.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { DashboardDto, QuizAnalysisDto, RankingTableDto, RankingWeekDto, RescoreDto, ScoringSchemeDto, SnapshotResultDto, VillageRankingDto } from '@lookback/contracts';
import { FANGCHENG_HOUSEHOLD, type StopRecord } from '@lookback/fieldwork';
import { gradeQuiz, QUIZ_BANK, type QuizQuestion } from '@lookback/quiz';
import { toCsv, villagesToRows } from '@lookback/roster';
import { DEFAULT_SCHEME } from '@lookback/scoring';
import type { DrawRecord, VillageDraw } from '@lookback/sampling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoAccountsService } from '../../apps/api/src/auth/demo-accounts.service.js';
import { Clock } from '../../apps/api/src/common/clock.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { FieldRecordsRepository } from '../../apps/api/src/fieldwork/field-records.repository.js';
import { QuizRepository } from '../../apps/api/src/fieldwork/quiz.repository.js';
import { RankingsService } from '../../apps/api/src/rankings/rankings.service.js';
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

const clock = new TestClock(new Date('2026-11-25T10:00:00+08:00')); // a Wednesday
let t: TestApp;
const planner = 'planner';
const leader = 'leader';
const admin = 'admin';
let plannerId: string;

/** Sessions expire as the test clock moves on by days: a demo account signs in again when told 401. */
const DEMO = new Set(['planner', 'leader', 'admin']);
const tokens = new Map<string, string>();
const call = async <T>(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
  const token = DEMO.has(who) ? (tokens.get(who) ?? (await login(t.baseUrl, who, 'lookback-demo'))) : who;
  if (DEMO.has(who)) tokens.set(who, token);
  const response = await fetch(t.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && DEMO.has(who)) {
    tokens.delete(who);
    return call<T>(who, method, path, body);
  }
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
};

/** A complete household record: every item answered the "no problem" way, except the given findings. */
function householdRecord(planId: string, villageCode: string, householdNo: string, problems: { problemType: string; severity: string }[] = []): StopRecord {
  const at = clock.at.toISOString();
  return {
    clientId: randomUUID(),
    planId,
    villageCode,
    stopKind: 'household',
    stopCode: householdNo,
    templateId: FANGCHENG_HOUSEHOLD.id,
    templateVersion: FANGCHENG_HOUSEHOLD.version,
    answers: FANGCHENG_HOUSEHOLD.items.map((item, i) => {
      const p = problems[i];
      if (!p) return { itemId: item.id, value: item.problemWhen === 'no' ? 'yes' : 'no', answeredAt: at };
      return { itemId: item.id, value: item.problemWhen, answeredAt: at, problem: { description: `情景问题 ${i + 1}`, problemType: p.problemType, severity: p.severity } } as StopRecord['answers'][number];
    }),
    status: 'complete',
    deviceId: 'phone-rank-0001',
    revision: 1,
    updatedAt: at,
  };
}

async function plan(name: string, villages: string[]): Promise<{ id: string; draw: DrawRecord }> {
  const created = await call<{ plan: { id: string }; draw: DrawRecord }>(planner, 'POST', '/api/plans', { name, villages, seed: '12345678901234567890' });
  expect(created.status).toBe(201);
  return { id: created.body.plan.id, draw: created.body.draw };
}

async function advance(id: string, steps: ('seal' | 'reveal' | 'complete')[]) {
  for (const step of steps) expect((await call(planner, 'POST', `/api/plans/${id}/${step}`)).status).toBe(200);
}

/** Every drawn household visited; `withFindings` households (by sample index) get the findings. */
async function inspect(planId: string, village: VillageDraw, findings: Map<number, { problemType: string; severity: string }[]>) {
  const repo = t.app.get(FieldRecordsRepository);
  for (const [i, h] of village.sample.entries()) {
    await repo.upsertRecord(t.db.manager, householdRecord(planId, village.villageCode, h.householdNo, findings.get(i) ?? []), plannerId);
  }
}

/** The stratified HT mean burden under the default scheme, worked out by hand from the draw. */
function expectedBurden(village: VillageDraw, burdenOf: (i: number) => number): number {
  let mean = 0;
  for (const s of village.strata) {
    const members = village.sample.map((h, i) => ({ h, i })).filter(({ h }) => h.stratum === s.stratum);
    const sum = members.reduce((acc, { i }) => acc + burdenOf(i), 0);
    mean += (s.population / village.households) * (sum / members.length);
  }
  return mean;
}

const rightAnswer = (q: QuizQuestion) => (q.type === 'numeric' ? q.answer.value : q.answer);

let light: VillageDraw;
let severe: VillageDraw;
let clean: VillageDraw;
let twin: VillageDraw;
let partial: VillageDraw;
let hiddenVillage: VillageDraw;
let completedPlanId: string;
let openPlanId: string;
/** Sample indices of the three households with findings: the last three of the largest stratum. */
let findingRows: number[];

beforeAll(async () => {
  t = await startTestApp({}, clock);
  await resetMasterData(t.db);
  // Schemes are append-only to the app; TRUNCATE (tests only) starts from the default scheme again.
  await t.db.query(`TRUNCATE plan, scoring_scheme, ranking_snapshot, job_run CASCADE`);
  await t.app.get(RankingsService).onModuleInit();
  await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  await t.app.get(DemoAccountsService).ensure();
  plannerId = ((await t.db.query(`SELECT id FROM app_user WHERE username = 'planner'`)) as { id: string }[])[0].id;

  const codes = ((await t.db.query(`SELECT code FROM village ORDER BY code`)) as { code: string }[]).map((r) => r.code);
  const done = await plan('第一轮回头看（已完成）', codes.slice(0, 5));
  completedPlanId = done.id;
  [light, severe, clean, twin, partial] = done.draw.villages;
  const largest = (v: VillageDraw) => [...v.strata].sort((a, b) => b.sampleSize - a.sampleSize)[0].stratum;
  // The same rows in both villages would need the same draw; instead each takes the last three of its largest stratum.
  const rowsOf = (v: VillageDraw) => v.sample.map((h, i) => ({ h, i })).filter(({ h }) => h.stratum === largest(v)).slice(-3).map(({ i }) => i);
  findingRows = rowsOf(light);
  await inspect(done.id, light, new Map(findingRows.map((i) => [i, [{ problemType: '乡村建设', severity: '一般' }]])));
  await inspect(done.id, severe, new Map(rowsOf(severe).map((i) => [i, [{ problemType: '住房安全', severity: '严重' }]])));
  await inspect(done.id, clean, new Map());
  await inspect(done.id, twin, new Map());
  expect(new Set(partial.sample.map((h) => h.stratum)).size).toBeGreaterThan(1);
  await t.app.get(FieldRecordsRepository).upsertRecord(t.db.manager, householdRecord(done.id, partial.villageCode, partial.sample[0].householdNo), plannerId);
  // Two cadres each in light and severe took the same quiz: one all right, one all wrong (the same
  // quiz figure in both, so the two still differ only by their findings).
  const questions = QUIZ_BANK.slice(0, 4);
  for (const village of [light, severe]) {
    for (const [n, right] of [[1, true], [2, false]] as const) {
      const answers = Object.fromEntries(questions.map((q) => [q.id, right ? rightAnswer(q) : q.type === 'truefalse' ? !q.answer : q.type === 'numeric' ? -1 : ['Z']]));
      const result = gradeQuiz(questions, answers as never);
      await t.app.get(QuizRepository).insertOnce({ planId: done.id, cadreNo: `${village.villageCode}-Q${n}`, villageCode: village.villageCode, clientId: randomUUID(), questionIds: questions.map((q) => q.id), answers, result, bankVersion: 'test', userId: plannerId });
    }
  }
  await advance(done.id, ['seal', 'reveal', 'complete']);

  const open = await plan('第二轮（未完成）', [codes[5]]);
  openPlanId = open.id;
  hiddenVillage = open.draw.villages[0];
  await inspect(open.id, hiddenVillage, new Map([[0, [{ problemType: '住房安全', severity: '严重' }]]]));
  await advance(open.id, ['seal', 'reveal']);
}, 120_000);
afterAll(async () => {
  // Leave the default scheme current for the test files after this one (they share the run's database).
  await t?.db.query(`TRUNCATE scoring_scheme, ranking_snapshot CASCADE`);
  await t?.app.get(RankingsService).onModuleInit();
  await t?.close();
});

describe('weekly rankings are snapshotted on Monday and on demand', () => {
  it('has no ranking before the first Monday and explains why', async () => {
    const r = await call<{ message: string }>(leader, 'GET', '/api/rankings');
    expect(r.status).toBe(404);
    expect(r.body.message).toMatch(/每周一 06:00/);
  });

  it('the scheduler snapshots the ISO week once, from Monday 06:00 China time', async () => {
    const runner = t.app.get(JobRunner);
    clock.at = new Date('2026-11-30T05:59:00+08:00');
    expect(await runner.runDue('weekly-rankings')).toBe('ran'); // last week's, caught up
    clock.at = new Date('2026-11-30T06:00:00+08:00');
    expect(await runner.runDue('weekly-rankings')).toBe('ran');
    expect(await runner.runDue('weekly-rankings')).toBe('already-done');
    const weeks = await call<RankingWeekDto[]>(leader, 'GET', '/api/rankings/weeks');
    expect(weeks.body.map((w) => [w.period, w.kind, w.snapshots])).toEqual([
      ['2026-W49', 'scheduled', 1],
      ['2026-W48', 'scheduled', 1],
    ]);
  });

  it('an on-demand snapshot of the same week is one more snapshot, and the latest is shown', async () => {
    clock.at = new Date('2026-12-01T09:00:00+08:00');
    const taken = await call<SnapshotResultDto>(planner, 'POST', '/api/rankings/snapshot');
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ period: '2026-W49', kind: 'on-demand', villages: 4, schemeVersion: DEFAULT_SCHEME.version });
    const weeks = await call<RankingWeekDto[]>(leader, 'GET', '/api/rankings/weeks');
    expect(weeks.body[0]).toMatchObject({ period: '2026-W49', kind: 'on-demand', snapshots: 2, snapshotId: taken.body.snapshotId });
    const table = await call<RankingTableDto>(leader, 'GET', '/api/rankings?level=village&week=2026-W49');
    expect(table.body.snapshotId).toBe(taken.body.snapshotId);
    expect(table.body.previousPeriod).toBe('2026-W48');
    expect(table.body.rows.every((r) => r.previousRank !== null && r.change === r.previousRank - r.rank)).toBe(true);
    // partly visited: listed with the reason, not ranked
    expect(table.body.rows.map((r) => r.code)).not.toContain(partial.villageCode);
    expect(table.body.excluded).toEqual([{ code: partial.villageCode, name: expect.any(String), reason: expect.stringMatching(/^有抽样层没有任何入户记录，无法无偏估计：[^a-z]+户）/) }]);
    expect(Number((await t.db.query(`SELECT count(*)::int AS n FROM ranking_snapshot WHERE period = '2026-W49'`))[0].n)).toBe(2);
  });
});

describe('scores follow the estimator', () => {
  it('same raw problem count, different priority mix: 严重 住房安全 costs more than 一般 乡村建设, by the HT estimate', async () => {
    const table = await call<RankingTableDto>(leader, 'GET', '/api/rankings?level=village');
    const byCode = new Map(table.body.rows.map((r) => [r.code, r]));
    expect(byCode.get(severe.villageCode)!.score).toBeLessThan(byCode.get(light.villageCode)!.score);
    expect(table.body.rows.slice(0, 2).map((r) => r.code).sort()).toEqual([clean.villageCode, twin.villageCode].sort());

    const lightSet = new Set(findingRows);
    const lightDetail = await call<VillageRankingDto>(leader, 'GET', `/api/rankings/villages/${light.villageCode}`);
    const lightBurden = expectedBurden(light, (i) => (lightSet.has(i) ? DEFAULT_SCHEME.severityWeights['一般'] * DEFAULT_SCHEME.problemTypeWeights['乡村建设'] : 0));
    expect(lightDetail.body.householdEstimate!.meanBurden).toBeCloseTo(lightBurden, 12);
    expect(lightDetail.body.householdEstimate!.findings).toBe(3);
    const households = lightDetail.body.breakdown.find((b) => b.component === 'households')!;
    expect(households.value).toBeCloseTo(100 * (1 - lightBurden), 9);
    expect(households.label).toBe('入户调查');

    const severeDetail = await call<VillageRankingDto>(leader, 'GET', `/api/rankings/villages/${severe.villageCode}`);
    expect(severeDetail.body.householdEstimate!.findings).toBe(3);
    expect(severeDetail.body.householdEstimate!.byType).toEqual([{ key: '住房安全', share: expect.any(Number) }]);
    // the findings behind the score, with masked household heads
    expect(severeDetail.body.findings).toHaveLength(3);
    for (const f of severeDetail.body.findings) {
      expect(f).toMatchObject({ stopKind: 'household', problemType: '住房安全', severity: '严重' });
      expect(f.householdHead).toMatch(/\*/);
    }
    expect(severeDetail.body.source.planId).toBe(completedPlanId);
  });

  it('reports statistical ties exactly where neighbouring 90% intervals overlap', async () => {
    const table = (await call<RankingTableDto>(leader, 'GET', '/api/rankings?level=village')).body;
    const overlap = (a: [number, number], b: [number, number]) => a[0] <= b[1] && b[0] <= a[1];
    let ties = 0;
    for (let i = 1; i < table.rows.length; i++) {
      const [above, below] = [table.rows[i - 1], table.rows[i]];
      const tied = overlap(above.interval, below.interval);
      expect(above.tiedWith.includes(below.code)).toBe(tied);
      expect(below.tiedWith.includes(above.code)).toBe(tied);
      expect(below.tieGroup === above.tieGroup).toBe(tied);
      if (tied) ties += 1;
    }
    // clean and clean-twin: nothing found in either, so they share rank 1 and are tied
    expect(ties).toBeGreaterThan(0);
    const cleanRow = table.rows.find((r) => r.code === clean.villageCode)!;
    const twinRow = table.rows.find((r) => r.code === twin.villageCode)!;
    expect([cleanRow.rank, twinRow.rank]).toEqual([1, 1]);
    expect(cleanRow.tiedWith).toContain(twin.villageCode);
    expect(cleanRow.tieGroup).toBe(twinRow.tieGroup);
  });

  it('exports the week’s 排队 to Excel with the same ranks, scores, intervals and ties as the page', async () => {
    const table = (await call<RankingTableDto>(leader, 'GET', '/api/rankings?level=village')).body;
    const response = await fetch(`${t.baseUrl}/api/rankings/export.xlsx?level=village`, { headers: { authorization: `Bearer ${tokens.get(leader)}` } });
    expect(response.status).toBe(200);
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain(`排队_行政村_${table.period}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const rows: string[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    expect(rows[0].slice(0, 5)).toEqual(['名次', '行政村', '乡镇', '户数', '得分']);
    expect(rows).toHaveLength(table.rows.length + 1);
    for (const [i, r] of table.rows.entries()) {
      expect(rows[i + 1].slice(0, 7)).toEqual([String(r.rank), r.name, r.townName, String(r.households), r.score.toFixed(1), r.interval[0].toFixed(1), r.interval[1].toFixed(1)]);
    }
    const cleanRow = rows.find((r) => r[1] === table.rows.find((x) => x.code === clean.villageCode)!.name)!;
    expect(cleanRow[7]).toContain(table.rows.find((x) => x.code === twin.villageCode)!.name);
  });

  it('town scores weigh their villages by households', async () => {
    const towns = (await call<RankingTableDto>(leader, 'GET', '/api/rankings?level=town')).body;
    expect(towns.rows.length).toBeGreaterThan(0);
    for (const row of towns.rows) {
      const detail = await call<{ villages: { households: number; score: number }[]; entry: { score: number } }>(leader, 'GET', `/api/rankings/towns/${row.code}`);
      const total = detail.body.villages.reduce((n, v) => n + v.households, 0);
      expect(detail.body.entry.score).toBeCloseTo(detail.body.villages.reduce((s, v) => s + (v.households / total) * v.score, 0), 9);
    }
  });
});

describe('a changed scoring scheme', () => {
  it('is refused with the problems in Chinese when it does not add up, and nothing is stored', async () => {
    const bad = { ...DEFAULT_SCHEME, version: '2026.bad', components: { ...DEFAULT_SCHEME.components, households: 40 } };
    const r = await call<{ message: string }>(admin, 'POST', '/api/scoring-schemes', { scheme: bad });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('各分项分值合计为 90，应为 100');
    expect((await call(admin, 'GET', '/api/scoring-schemes/2026.bad')).status).toBe(404);
    expect((await call(planner, 'POST', '/api/scoring-schemes', { scheme: DEFAULT_SCHEME })).status).toBe(403);
    const same = await call<{ message: string }>(admin, 'POST', '/api/scoring-schemes', { scheme: DEFAULT_SCHEME });
    expect(same.status).toBe(409);
    // never edited in place, not even by SQL
    await expect(t.db.query(`UPDATE scoring_scheme SET note = 'x'`)).rejects.toThrow(/never edited/);
  });

  it('re-scores a stored snapshot reproducibly, and the next snapshot records the new version', async () => {
    const table = (await call<RankingTableDto>(leader, 'GET', '/api/rankings?level=village')).body;
    const harsh = { ...DEFAULT_SCHEME, version: '2026.1', components: { households: 80, projects: 5, quiz: 5, documents: 5, interviews: 0, ledger: 5 }, householdMeasure: 'indicator' };
    const saved = await call<ScoringSchemeDto>(admin, 'POST', '/api/scoring-schemes', { scheme: harsh, note: '入户调查占 80 分' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: '2026.1', current: true, createdBy: 'admin' });

    const again = (await call<RescoreDto>(leader, 'GET', `/api/rankings/snapshots/${table.snapshotId}/rescore`)).body;
    expect(again.schemeVersion).toBe(DEFAULT_SCHEME.version);
    expect(again.schemeFingerprint).toBe(table.schemeFingerprint);
    expect(again.villages.map((v) => [v.code, v.rank, v.score, v.interval])).toEqual(table.rows.map((r) => [r.code, r.rank, r.score, r.interval]));

    const first = (await call<RescoreDto>(leader, 'GET', `/api/rankings/snapshots/${table.snapshotId}/rescore?scheme=2026.1`)).body;
    const second = (await call<RescoreDto>(leader, 'GET', `/api/rankings/snapshots/${table.snapshotId}/rescore?scheme=2026.1`)).body;
    expect(second).toEqual(first);
    expect(first.schemeFingerprint).toBe(saved.body.fingerprint);
    const oldSevere = table.rows.find((r) => r.code === severe.villageCode)!.score;
    expect(first.villages.find((v) => v.code === severe.villageCode)!.score).not.toBeCloseTo(oldSevere, 6);

    clock.at = new Date('2026-12-07T06:30:00+08:00');
    expect(await t.app.get(JobRunner).runDue('weekly-rankings')).toBe('ran');
    const next = (await call<RankingTableDto>(leader, 'GET', '/api/rankings?level=village')).body;
    expect(next).toMatchObject({ period: '2026-W50', schemeVersion: '2026.1', schemeFingerprint: saved.body.fingerprint, previousPeriod: '2026-W49' });
    // the stored result of the new week is exactly its inputs re-scored under its scheme
    const check = (await call<RescoreDto>(leader, 'GET', `/api/rankings/snapshots/${next.snapshotId}/rescore`)).body;
    expect(check.villages.map((v) => v.score)).toEqual(next.rows.map((r) => r.score));
    expect(check.villages.map((v) => v.score)).toEqual(first.villages.map((v) => v.score));
  });
});

describe('who sees what', () => {
  it('counts only completed plans: a leader never sees the village of a plan not completed', async () => {
    const table = (await call<RankingTableDto>(leader, 'GET', '/api/rankings?level=village')).body;
    expect(table.rows.map((r) => r.code)).not.toContain(hiddenVillage.villageCode);
    expect((await call(leader, 'GET', `/api/rankings/villages/${hiddenVillage.villageCode}`)).status).toBe(404);
    const dash = (await call<DashboardDto>(leader, 'GET', '/api/dashboard')).body;
    expect(dash.villages.map((v) => v.code).sort()).toEqual([light, severe, clean, twin].map((v) => v.villageCode).sort());
    // 3 一般 乡村建设 + 3 严重 住房安全; the not-completed plan's 住房安全 finding is not counted
    expect(dash.problemsByType).toEqual(expect.arrayContaining([{ problemType: '住房安全', findings: 3 }, { problemType: '乡村建设', findings: 3 }]));
    expect(dash.trend.map((p) => p.period)).toEqual(['2026-W48', '2026-W49', '2026-W50']);
    expect(dash.trend[0].villages).toBe(4);
  });

  it('a ledger item from a plan not yet completed shows nowhere a leader reads, in a village that is ranked', async () => {
    const [{ town }] = (await t.db.query(`SELECT town_code AS town FROM village WHERE code = $1`, [light.villageCode])) as { town: string }[];
    const before = (await call<DashboardDto>(leader, 'GET', '/api/dashboard')).body.ledger;
    await t.db.query(
      `INSERT INTO ledger_item (seq, plan_id, town_code, village_code, problem_type, nature, description, deadline, responsible_unit, created_by, issued_at, issued_by)
       VALUES (1, $1, $2, $3, '住房安全', '个性问题', '第二轮发现：危房未改造', '2020-01-01', '某镇人民政府', $4, now(), $4)`,
      [openPlanId, town, light.villageCode, plannerId],
    );
    try {
      const drill = (await call<{ ledgerItems: { description: string }[] }>(leader, 'GET', `/api/rankings/villages/${light.villageCode}`)).body;
      expect(drill.ledgerItems.map((i) => i.description)).not.toContain('第二轮发现：危房未改造');
      expect((await call<DashboardDto>(leader, 'GET', '/api/dashboard')).body.ledger).toEqual(before);
    } finally {
      await t.db.query(`DELETE FROM ledger_item WHERE plan_id = $1`, [openPlanId]);
    }
  });

  it('an overdue 共性问题 merged to town level costs each village its findings came from, and is listed in their drill-down', async () => {
    const [{ town }] = (await t.db.query(`SELECT town_code AS town FROM village WHERE code = $1`, [light.villageCode])) as { town: string }[];
    const ledgerLine = async (code: string) => (await call<VillageRankingDto>(leader, 'GET', `/api/rankings/villages/${code}`)).body.breakdown.find((b) => b.component === 'ledger')!;
    const before = { light: await ledgerLine(light.villageCode), clean: await ledgerLine(clean.villageCode) };
    const [{ id }] = (await t.db.query(
      `INSERT INTO ledger_item (seq, plan_id, town_code, village_code, problem_type, nature, description, deadline, responsible_unit, created_by, issued_at, issued_by)
       VALUES (9001, $1, $2, NULL, '乡村建设', '共性问题', '多户院落环境脏乱（合并）', '2020-01-01', '某镇人民政府', $3, $4, $3) RETURNING id`,
      [completedPlanId, town, plannerId, clock.at],
    )) as { id: string }[];
    try {
      // Linked to light's findings, as generating a merged item links them.
      await t.db.query(
        `INSERT INTO ledger_item_finding (item_id, stop_client_id, answer_item_id)
         SELECT $1, s.client_id, a->>'itemId' FROM stop_record s CROSS JOIN LATERAL jsonb_array_elements(s.record->'answers') a
         WHERE s.plan_id = $2 AND s.village_code = $3 AND a ? 'problem'`,
        [id, completedPlanId, light.villageCode],
      );
      // A minute on: snapshots of one week taken at the same instant have no order.
      clock.at = new Date(clock.at.getTime() + 60_000);
      expect((await call<SnapshotResultDto>(planner, 'POST', '/api/rankings/snapshot')).status).toBe(201);
      const after = { light: await ledgerLine(light.villageCode), clean: await ledgerLine(clean.villageCode) };
      expect(after.light.value).toBe(before.light.value! - DEFAULT_SCHEME.overduePenaltyPerItem);
      expect(after.clean.value).toBe(before.clean.value);
      const drill = (await call<VillageRankingDto>(leader, 'GET', `/api/rankings/villages/${light.villageCode}`)).body;
      expect(drill.ledgerItems.filter((i) => i.description === '多户院落环境脏乱（合并）')).toHaveLength(1);
      const cleanDrill = (await call<VillageRankingDto>(leader, 'GET', `/api/rankings/villages/${clean.villageCode}`)).body;
      expect(cleanDrill.ledgerItems.map((i) => i.description)).not.toContain('多户院落环境脏乱（合并）');
    } finally {
      await t.db.query(`DELETE FROM ledger_item WHERE id = $1`, [id]);
      clock.at = new Date(clock.at.getTime() + 60_000);
      expect((await call<SnapshotResultDto>(planner, 'POST', '/api/rankings/snapshot')).status).toBe(201);
    }
  });

  it('a planner of one town sees only that town’s rows, with county ranks', async () => {
    const town = `${light.villageCode.slice(0, 9)}000`;
    const scoped = await tokenFor(t.baseUrl, t.db, 'planner', 'planner-one-town', [town]);
    const rows = (await call<RankingTableDto>(scoped, 'GET', '/api/rankings?level=village')).body.rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.townCode === town)).toBe(true);
  });

  it('quiz analysis lists questions by the share of cadres who got them wrong', async () => {
    const quiz = (await call<QuizAnalysisDto>(leader, 'GET', '/api/quiz-analysis')).body;
    expect(quiz.plans.map((p) => p.id)).toEqual([completedPlanId]);
    expect(quiz.cadres).toBe(4);
    expect(quiz.questions).toHaveLength(4);
    for (const q of quiz.questions) expect(q).toMatchObject({ attempts: 4, wrong: 2, wrongRate: 0.5 });
    expect(quiz.questions[0].stem.length).toBeGreaterThan(0);
  });

  it('refuses rectifiers and inspectors', async () => {
    for (const role of ['rectifier', 'inspector'] as const) {
      const token = await tokenFor(t.baseUrl, t.db, role);
      for (const path of ['/api/rankings', '/api/rankings/export.xlsx', '/api/rankings/weeks', '/api/dashboard', '/api/quiz-analysis', `/api/rankings/villages/${light.villageCode}`]) {
        expect((await call(token, 'GET', path)).status, `${role} ${path}`).toBe(403);
      }
      expect((await call(token, 'POST', '/api/rankings/snapshot')).status).toBe(403);
    }
  });
});

describe('the 排队 page data', () => {
  it('reads the same on every request, and a village renamed by an import shows its new name at once', async () => {
    const path = '/api/rankings?level=village&week=latest';
    const first = await call<RankingTableDto>(leader, 'GET', path);
    expect(first.status).toBe(200);
    expect((await call<RankingTableDto>(leader, 'GET', path)).body).toEqual(first.body);
    const { code, name } = first.body.rows[0];

    const villages: { code: string; name: string; townCode: string; townName: string; villageType: '脱贫村' | '一般村'; lng: number; lat: number }[] = await t.db.query(
      `SELECT v.code, v.name, v.town_code AS "townCode", t.name AS "townName", v.village_type AS "villageType", v.lng, v.lat FROM village v JOIN town t ON t.code = v.town_code ORDER BY v.code`,
    );
    const csv = toCsv(villagesToRows(villages.map((v) => (v.code === code ? { ...v, name: `${name}新村` } : v))));
    const form = new FormData();
    form.append('file', new Blob([csv]), 'villages.csv');
    const token = await login(t.baseUrl, admin, 'lookback-demo');
    let job = (await (await fetch(`${t.baseUrl}/api/imports/villages`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })).json()) as { id: string; status: string };
    while (job.status !== 'done' && job.status !== 'failed') {
      await new Promise((r) => setTimeout(r, 20));
      job = (await (await fetch(`${t.baseUrl}/api/imports/${job.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string; status: string };
    }
    expect(job.status).toBe('done');

    const after = await call<RankingTableDto>(leader, 'GET', path);
    expect(after.body.snapshotId).toBe(first.body.snapshotId);
    expect(after.body.rows.find((r) => r.code === code)?.name).toBe(`${name}新村`);
  });
});
