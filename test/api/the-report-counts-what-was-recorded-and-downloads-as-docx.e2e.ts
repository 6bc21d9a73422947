import type { PlanReportDto } from '@lookback/contracts';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../apps/api/src/common/clock.js';
import { DemoRoundService } from '../../apps/api/src/demo/demo-round.service.js';
import { login, tokenFor } from '../support/accounts.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-24T09:00:00+08:00');
  }
}

let t: TestApp;
let planner: string;
let leader: string;
let roundId: string;
let sealedId: string;

const call = async <T>(token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(t.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
};
const docx = async (token: string, id: string) => {
  const response = await fetch(`${t.baseUrl}/api/plans/${id}/report.docx`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
};
/** The visible text of word/document.xml: every <w:t> run joined. */
const documentText = async (bytes: Buffer) => {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { text: [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''), styles: await zip.file('word/styles.xml')!.async('string') };
};

beforeAll(async () => {
  t = await startTestApp({}, new FixedClock());
  await loadDemoDay(t);
  roundId = (await t.app.get(DemoRoundService).ensure())!;
  sealedId = (await t.db.query(`SELECT id FROM plan WHERE status = 'sealed'`))[0].id;
  planner = await login(t.baseUrl, 'planner', 'lookback-demo');
  leader = await login(t.baseUrl, 'leader', 'lookback-demo');
}, 120_000);
afterAll(() => t.close());

describe('the 督查报告 of a completed plan', () => {
  it("counts exactly what the plan's records hold", async () => {
    const { status, body: report } = await call<PlanReportDto>(planner, 'GET', `/api/plans/${roundId}/report`);
    expect(status).toBe(200);
    const one = async (sql: string) => (await t.db.query(sql, [roundId]))[0];
    const households = await one(`SELECT count(*)::int AS n FROM stop_record WHERE plan_id = $1 AND stop_kind = 'household' AND status = 'complete'`);
    const subs = await one(`SELECT count(*)::int AS n FROM substitution WHERE plan_id = $1`);
    const projects = await one(`SELECT count(*)::int AS n FROM stop_record WHERE plan_id = $1 AND stop_kind = 'project' AND status = 'complete'`);
    const assets = await one(`SELECT count(*)::int AS n FROM stop_record WHERE plan_id = $1 AND stop_kind = 'asset' AND status = 'complete'`);
    const interviews = await one(`SELECT count(*)::int AS n FROM stop_record WHERE plan_id = $1 AND stop_kind = 'interview' AND status = 'complete'`);
    const quiz = await one(`SELECT count(*)::int AS n, round(avg(percent)::numeric, 1)::float AS mean, count(*) FILTER (WHERE percent < 60)::int AS below FROM quiz_result WHERE plan_id = $1`);
    const villages = await one(`SELECT array_length(village_codes, 1) AS n, (SELECT sum((v->>'sampleSize')::int) FROM jsonb_array_elements(draw_record->'villages') v)::int AS drawn FROM plan WHERE id = $1`);
    expect(report.basics.households).toMatchObject({ visited: households.n, substituted: subs.n, drawn: villages.drawn });
    expect(report.basics.villages.length).toBe(villages.n);
    expect(report.basics.projects).toBe(projects.n);
    expect(report.basics.assets).toBe(assets.n);
    expect(report.basics.interviews.done).toBe(interviews.n);
    expect(report.basics.quiz).toEqual({ takers: quiz.n, meanPercent: quiz.mean, below60: quiz.below });

    const byType: { type: string; n: number; villages: number }[] = await t.db.query(
      `SELECT a->'problem'->>'problemType' AS type, count(*)::int AS n, count(DISTINCT s.village_code)::int AS villages
       FROM stop_record s, jsonb_array_elements(s.record->'answers') a
       WHERE s.plan_id = $1 AND s.status = 'complete' AND a ? 'problem' GROUP BY 1 ORDER BY 2 DESC, 1`,
      [roundId],
    );
    expect(report.basics.findings).toBe(byType.reduce((n, r) => n + r.n, 0));
    expect(report.basics.findings).toBeGreaterThan(0);
    expect(Object.fromEntries(report.problems.map((p) => [p.problemType, [p.count, p.villages]]))).toEqual(Object.fromEntries(byType.map((r) => [r.type, [r.n, r.villages]])));
    for (let i = 1; i < report.problems.length; i++) expect(report.problems[i - 1].count).toBeGreaterThanOrEqual(report.problems[i].count);
    for (const p of report.problems) {
      expect(p.examples.length).toBeGreaterThan(0);
      expect(p.examples.length).toBeLessThanOrEqual(3);
      expect(Object.values(p.bySeverity).reduce((a, b) => a + b, 0)).toBe(p.count);
      // The most serious findings of the type are the examples: 严重 before 较重 before 一般.
      const rank = { 一般: 0, 较重: 1, 严重: 2 } as Record<string, number>;
      const worst = Math.max(...Object.entries(p.bySeverity).filter(([, n]) => n > 0).map(([s]) => rank[s]));
      expect(rank[p.examples[0].severity]).toBe(worst);
    }
    expect(report.problems.some((p) => (p.bySeverity['严重'] ?? 0) + (p.bySeverity['较重'] ?? 0) > 0)).toBe(true);
    // 意见建议 start from the most frequent problem types.
    expect(report.suggestions[0].problemType).toBe(report.problems[0].problemType);
    expect(report.suggestionsEdited).toBeNull();
    // 典型经验: the best-scoring villages, best first, each with what it did well.
    expect(report.experiences.length).toBe(Math.min(3, villages.n));
    for (let i = 1; i < report.experiences.length; i++) expect(report.experiences[i - 1].score).toBeGreaterThanOrEqual(report.experiences[i].score);
    expect(report.experiences.every((e) => e.strengths.length > 0)).toBe(true);
    // Method and draw: 四不两直 and the commitment published before the visits.
    expect(report.basics.method).toContain('四不两直');
    const [plan] = await t.db.query(`SELECT commitment, seed FROM plan WHERE id = $1`, [roundId]);
    expect(report.basics.draw.commitment).toBe(plan.commitment);
    expect(report.basics.draw.seed).toBe(plan.seed);
  });

  it('masks the names of households in its examples', async () => {
    const { body: report } = await call<PlanReportDto>(leader, 'GET', `/api/plans/${roundId}/report`);
    const names: { name: string }[] = await t.db.query(`SELECT DISTINCT head_name AS name FROM household WHERE village_code IN (SELECT unnest(village_codes) FROM plan WHERE id = $1) AND char_length(head_name) >= 2`, [roundId]);
    const text = JSON.stringify(report);
    const householdExamples = report.problems.flatMap((p) => p.examples).filter((x) => x.subject.includes('户（'));
    expect(householdExamples.length).toBeGreaterThan(0);
    expect(householdExamples.every((x) => x.subject.includes('*'))).toBe(true);
    expect(names.filter((n) => text.includes(n.name))).toEqual([]);
  });

  it('downloads as a Word document with the four sections, tables and Chinese fonts', async () => {
    const file = await docx(leader, roundId);
    expect(file.status).toBe(200);
    expect(file.type).toContain('wordprocessingml');
    expect(file.disposition).toContain(encodeURIComponent('督查报告.docx'));
    expect(file.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const { text, styles } = await documentText(file.bytes);
    const { body: report } = await call<PlanReportDto>(leader, 'GET', `/api/plans/${roundId}/report`);
    expect(text).toContain(`${report.planName}督查报告`);
    const order = ['一、基本情况', '二、典型经验', '三、存在的主要问题及困难', '四、意见建议'].map((h) => text.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('四不两直');
    expect(text).toContain(report.basics.draw.commitment);
    expect(text).toContain(report.problems[0].examples[0].description);
    expect(text).toContain(report.experiences[0].villageName);
    const zip = await JSZip.loadAsync(file.bytes);
    expect(await zip.file('word/document.xml')!.async('string')).toContain('<w:tbl>');
    expect(styles).toContain('仿宋_GB2312');
    expect(styles).toContain('黑体');
  });
});

describe('who may read it', () => {
  it('answers a leader 404 for a plan that is not completed, exactly as for one that does not exist', async () => {
    const sealed = await call<{ message: string }>(leader, 'GET', `/api/plans/${sealedId}/report`);
    const none = await call<{ message: string }>(leader, 'GET', `/api/plans/00000000-0000-0000-0000-000000000000/report`);
    expect(sealed.status).toBe(404);
    expect(none.status).toBe(404);
    expect(sealed.body).toEqual(none.body);
    expect((await docx(leader, sealedId)).status).toBe(404);
    // The planner sees the draft report of the sealed plan, marked as a draft.
    const draft = await call<PlanReportDto>(planner, 'GET', `/api/plans/${sealedId}/report`);
    expect(draft.status).toBe(200);
    expect(draft.body.draft).toBe(true);
  });

  it('refuses inspectors, rectifiers and admins, and planners outside the towns', async () => {
    for (const role of ['inspector', 'rectifier', 'admin'] as const) {
      const token = await tokenFor(t.baseUrl, t.db, role);
      expect((await call(token, 'GET', `/api/plans/${roundId}/report`)).status).toBe(403);
      expect((await docx(token, roundId)).status).toBe(403);
    }
    const outside = await tokenFor(t.baseUrl, t.db, 'planner', 'planner-elsewhere', ['411322999000']);
    expect((await call(outside, 'GET', `/api/plans/${roundId}/report`)).status).toBe(404);
    expect((await call(leader, 'PUT', `/api/plans/${roundId}/report/suggestions`, { suggestions: [] })).status).toBe(403);
  });
});

describe('意见建议', () => {
  it('keeps the planner’s edits, in the JSON and the download, and restores the generated ones on an empty list', async () => {
    const before = (await call<PlanReportDto>(planner, 'GET', `/api/plans/${roundId}/report`)).body;
    const edited = [{ problemType: before.suggestions[0].problemType, text: '对监测对象逐户开展一次收支测算，十五日内完成。' }, { problemType: null, text: '下一轮回头看重点复核本轮问题户。' }];
    const saved = await call<PlanReportDto>(planner, 'PUT', `/api/plans/${roundId}/report/suggestions`, { suggestions: edited });
    expect(saved.status).toBe(200);
    expect(saved.body.suggestions).toEqual(edited);
    expect(saved.body.suggestionsEdited?.by).toBeTruthy();
    expect((await call<PlanReportDto>(leader, 'GET', `/api/plans/${roundId}/report`)).body.suggestions).toEqual(edited);
    expect((await documentText((await docx(leader, roundId)).bytes)).text).toContain('十五日内完成');

    const bad = await call<{ message: string }>(planner, 'PUT', `/api/plans/${roundId}/report/suggestions`, { suggestions: [{ problemType: null, text: '   ' }, { problemType: '不存在的类型', text: '内容' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('第 1 条意见建议是空的');
    expect(bad.body.message).toContain('第 2 条的问题类型“不存在的类型”');
    expect((await call<PlanReportDto>(planner, 'GET', `/api/plans/${roundId}/report`)).body.suggestions).toEqual(edited);

    const restored = await call<PlanReportDto>(planner, 'PUT', `/api/plans/${roundId}/report/suggestions`, { suggestions: [] });
    expect(restored.body.suggestions).toEqual(before.generatedSuggestions);
    expect(restored.body.suggestionsEdited).toBeNull();
  });
});
