import { randomUUID } from 'node:crypto';
import type { MyDayDto } from '@lookback/contracts';
import { QUIZ_BANK, type QuizResult } from '@lookback/quiz';
import type { DrawRecord } from '@lookback/sampling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../apps/api/src/common/clock.js';
import { login } from '../support/accounts.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-24T09:00:00+08:00');
  }
}

let t: TestApp;
let inspector1: string;
let inspector2: string;
let day: MyDayDto;
let cadreNo: string;
let questionIds: string[];

const call = async <T>(token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(t.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, text };
};

beforeAll(async () => {
  t = await startTestApp({}, new FixedClock());
  await loadDemoDay(t);
  inspector1 = await login(t.baseUrl, 'inspector1', 'lookback-demo');
  inspector2 = await login(t.baseUrl, 'inspector2', 'lookback-demo');
  day = (await call<MyDayDto[]>(inspector1, 'GET', '/api/my/days')).body.find((d) => d.open)!;
  const [{ draw_record }] = await t.db.query(`SELECT draw_record FROM plan WHERE id = $1`, [day.planId]);
  const schedule: { village_code: string }[] = await t.db.query(
    `SELECT v.village_code FROM plan_visit v JOIN team t ON t.id = v.team_id WHERE v.plan_id = $1 AND t.name = $2 AND v.visit_date = $3`,
    [day.planId, day.teamName, day.visitDate],
  );
  const village = (draw_record as DrawRecord).villages.find((v) => v.villageCode === schedule[0].village_code.trim())!;
  cadreNo = village.quiz[0].cadreNo;
  questionIds = village.quiz[0].questionIds;
});
afterAll(() => t.close());

describe('the on-site quiz', () => {
  const path = () => `/api/my/days/${day.planId}/${day.visitDate}/quiz/${cadreNo}`;

  it('hands the cadre the drawn questions without answers or explanations', async () => {
    const sheet = await call<{ questions: { id: string }[]; result: unknown }>(inspector1, 'GET', path());
    expect(sheet.status).toBe(200);
    expect(sheet.body.questions.map((q) => q.id)).toEqual(questionIds);
    expect(sheet.body.result).toBeNull();
    expect(sheet.text).not.toMatch(/"answer"|"explanation"/);
  });

  it('grades on submit, keeps answers and explanations back while other cadres of the village have not answered, and takes the same submission again without grading twice', async () => {
    const bank = new Map(QUIZ_BANK.map((q) => [q.id, q]));
    // Right answers to the first half, nothing to the rest.
    const answers = Object.fromEntries(
      questionIds.slice(0, 5).map((id) => {
        const q = bank.get(id)!;
        return [id, q.type === 'numeric' ? q.answer.value : q.answer];
      }),
    );
    const clientId = randomUUID();
    const graded = await call<QuizResult>(inspector1, 'POST', path(), { clientId, answers });
    expect(graded.status).toBe(200);
    expect(graded.body.percent).toBe(50);
    expect(graded.body).toMatchObject({ items: [], withheld: true });
    expect(graded.text).not.toMatch(/"expected"|"explanation"/);
    const again = await call<QuizResult>(inspector1, 'POST', path(), { clientId, answers });
    expect(again.body).toEqual(graded.body);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM quiz_result WHERE plan_id = $1`, [day.planId]);
    expect(n).toBe(1);
  });

  it('does not let the cadre answer again, and shows the result instead', async () => {
    const retry = await call<{ message: string }>(inspector1, 'POST', path(), { clientId: randomUUID(), answers: {} });
    expect(retry.status).toBe(409);
    expect(retry.body.message).toContain('不能重新作答');
    const sheet = await call<{ result: QuizResult | null }>(inspector1, 'GET', path());
    expect(sheet.body.result?.percent).toBe(50);
  });

  it('is not there for an inspector of another team', async () => {
    expect((await call(inspector2, 'GET', path())).status).toBe(404);
    expect((await call(inspector2, 'POST', path(), { clientId: randomUUID(), answers: {} })).status).toBe(404);
  });

  it('refuses a malformed submission clearly', async () => {
    const bad = await call<{ message: string }>(inspector1, 'POST', path(), { clientId: 'not-a-uuid', answers: 'B' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('clientId');
    expect(bad.body.message).toContain('answers');
  });
});
