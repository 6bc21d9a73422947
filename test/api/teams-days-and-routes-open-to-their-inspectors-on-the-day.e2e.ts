import type { DayRouteDto, MyDayDto, TeamDto, VisitDto } from '@lookback/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../apps/api/src/common/clock.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { ensureUser, tokenFor } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';

class TestClock extends Clock {
  time = new Date('2026-11-23T12:00:00+08:00');
  now(): Date {
    return new Date(this.time);
  }
}

const clock = new TestClock();
let t: TestApp;
let planner: string;
let planId: string;
let towns: string[];

const call = async <T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
  const response = await fetch(t.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
};

beforeAll(async () => {
  t = await startTestApp({}, clock);
  await resetMasterData(t.db);
  await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  planner = await tokenFor(t.baseUrl, t.db, 'planner', 'route-planner');
  for (const name of ['team-a-1', 'team-a-2', 'team-b-1']) await ensureUser(t.db, name, 'inspector');
  const plan = await call<{ plan: { id: string; townCodes: string[] } }>(planner, 'POST', '/api/plans', { name: '路线测试', perTown: 3, seed: '20261124 31415 92653 58979' });
  planId = plan.body.plan.id;
  towns = plan.body.plan.townCodes;
});
afterAll(() => t.close());

describe('teams and the schedule', () => {
  let teamA: TeamDto;
  let teamB: TeamDto;

  it('creates teams of inspector accounts only, with a start point and home towns', async () => {
    const a = await call<TeamDto>(planner, 'POST', `/api/plans/${planId}/teams`, { name: '第一组', startLabel: '县政府', startLat: 33.2544, startLng: 113.0125, members: ['team-a-1', 'team-a-2'], homeTowns: [towns[0]] });
    expect(a.status).toBe(201);
    teamA = a.body;
    expect(teamA.members.map((m) => m.username)).toEqual(['team-a-1', 'team-a-2']);
    // The first member listed leads the team (组长) unless another is named; a leader outside the team is refused.
    expect(teamA.leaderId).toBe(teamA.members.find((m) => m.username === 'team-a-1')!.id);
    const outsider = await call<{ message: string }>(planner, 'POST', `/api/plans/${planId}/teams`, { name: '第四组', startLabel: 'x', startLat: 33, startLng: 113, members: ['team-b-1'], leader: 'team-a-2' });
    expect(outsider.status).toBe(400);
    expect(outsider.body.message).toContain('组长');
    teamB = (await call<TeamDto>(planner, 'POST', `/api/plans/${planId}/teams`, { name: '第二组', startLabel: '宾馆', startLat: 33.3, startLng: 112.9, members: ['team-b-1'] })).body;
    const wrong = await call<{ message: string }>(planner, 'POST', `/api/plans/${planId}/teams`, { name: '第三组', startLabel: 'x', startLat: 33, startLng: 113, members: ['route-planner', 'ghost'] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('ghost');
  });

  it('schedules automatically: each town with one team, never a team in its home town, over the given days', async () => {
    const visits = (await call<VisitDto[]>(planner, 'POST', `/api/plans/${planId}/schedule/auto`, { dates: ['2026-11-24', '2026-11-25'] })).body;
    expect(visits).toHaveLength(6);
    for (const town of towns) {
      const teams = new Set(visits.filter((v) => v.villageCode.slice(0, 9) + '000' === town).map((v) => v.teamId));
      expect(teams.size).toBe(1);
    }
    expect(visits.filter((v) => v.teamId === teamA.id && v.villageCode.startsWith(towns[0].slice(0, 9)))).toEqual([]);
    expect(new Set(visits.map((v) => v.visitDate))).toEqual(new Set(['2026-11-24', '2026-11-25']));
  });

  it('refuses a hand-made schedule that breaks the rules, naming each problem', async () => {
    const bad = await call<{ message: string }>(planner, 'PUT', `/api/plans/${planId}/schedule`, {
      visits: [
        { villageCode: '411322999999', teamId: teamB.id, visitDate: '2026-11-24' },
        { villageCode: (await call<VisitDto[]>(planner, 'GET', `/api/plans/${planId}/schedule`)).body.find((v) => v.villageCode.startsWith(towns[0].slice(0, 9)))!.villageCode, teamId: teamA.id, visitDate: '2026-02-30' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('不在本方案中');
    expect(bad.body.message).toContain('回避');
    expect(bad.body.message).toContain('2026-02-30');
  });

  it('routes every team-day from its start through its villages and back, with each village’s stops in order', async () => {
    const routes = (await call<DayRouteDto[]>(planner, 'GET', `/api/plans/${planId}/routes`)).body;
    expect(routes.reduce((n, r) => n + r.villages.length, 0)).toBe(6);
    for (const route of routes) {
      expect(route.totalMeters).toBeGreaterThan(0);
      expect(route.villages.map((v) => v.seq)).toEqual(route.villages.map((_, i) => i + 1));
      for (const village of route.villages) {
        expect(village.items.filter((i) => i.kind === 'household').length).toBeGreaterThanOrEqual(15);
        // The planner sees masked names only.
        for (const item of village.items.filter((i) => i.kind === 'household')) expect(item.label).toMatch(/\*/);
      }
    }
  });
});

describe("an inspector's day", () => {
  it('is hidden while the plan is a draft, and before 06:00 of the visit day', async () => {
    const early = await tokenFor(t.baseUrl, t.db, 'inspector', 'team-a-1');
    expect((await call<MyDayDto[]>(early, 'GET', '/api/my/days')).body).toEqual([]);
    expect((await call(planner, 'POST', `/api/plans/${planId}/seal`)).status).toBe(200);
    // Sessions last 12 hours: sign in again on the morning of the visit.
    clock.time = new Date('2026-11-24T05:59:00+08:00');
    const inspector = await tokenFor(t.baseUrl, t.db, 'inspector', 'team-a-1');
    planner = await tokenFor(t.baseUrl, t.db, 'planner', 'route-planner');
    const days = (await call<MyDayDto[]>(inspector, 'GET', '/api/my/days')).body;
    expect(days.length).toBeGreaterThan(0);
    const first = days.find((d) => d.visitDate === '2026-11-24')!;
    expect(first.open).toBe(false);
    expect((await call(inspector, 'GET', `/api/my/days/${planId}/2026-11-24`)).status).toBe(404);
  });

  it('opens at 06:00 with the real names of the households to visit, and only for the own team', async () => {
    clock.time = new Date('2026-11-24T06:00:00+08:00');
    const a = await tokenFor(t.baseUrl, t.db, 'inspector', 'team-a-1');
    const b = await tokenFor(t.baseUrl, t.db, 'inspector', 'team-b-1');
    const schedule = (await call<VisitDto[]>(planner, 'GET', `/api/plans/${planId}/schedule`)).body;
    const teams = (await call<TeamDto[]>(planner, 'GET', `/api/plans/${planId}/teams`)).body;
    const teamIdByName = new Map(teams.map((x) => [x.name, x.id]));
    const dayOf = (teamName: string) => schedule.find((v) => v.visitDate === '2026-11-24' && v.teamId === teamIdByName.get(teamName));
    // Two towns, two teams: each team has one town, split over the two days.
    expect(dayOf('第一组')).toBeDefined();
    expect(dayOf('第二组')).toBeDefined();
    {
      const route = await call<DayRouteDto>(a, 'GET', `/api/my/days/${planId}/2026-11-24`);
      expect(route.status).toBe(200);
      expect(route.body.team.name).toBe('第一组');
      const household = route.body.villages[0].items.find((i) => i.kind === 'household')!;
      const [{ head_name }] = await t.db.query(`SELECT head_name FROM household WHERE household_no = $1`, [household.code]);
      expect(household.label).toBe(head_name);
    }
    // Team B's inspector sees only team B's villages; team A's are not in its route.
    const bRoute = await call<DayRouteDto>(b, 'GET', `/api/my/days/${planId}/2026-11-24`);
    expect(bRoute.status).toBe(200);
    {
      const aVillages = schedule.filter((v) => v.teamId === teamIdByName.get('第一组')).map((v) => v.villageCode);
      expect(bRoute.body.villages.map((v) => v.villageCode).filter((c) => aVillages.includes(c))).toEqual([]);
    }
    // Neither inspector may read the whole plan.
    expect((await call(a, 'GET', `/api/plans/${planId}`)).status).toBe(404);
    // A day of another plan or an invented date is simply not there.
    expect((await call(a, 'GET', `/api/my/days/${planId}/2026-12-31`)).status).toBe(404);
  });

  it('lets only the team leader sign the day off; another member is told who signs', async () => {
    const member = await tokenFor(t.baseUrl, t.db, 'inspector', 'team-a-2');
    const refused = await call<{ message: string }>(member, 'POST', `/api/my/days/${planId}/2026-11-24/sign-off`, { names: ['张三', '李四'] });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('只有本组组长');
    // The leader gets past that rule (and is stopped by the next: the day's stops are not done).
    const leader = await tokenFor(t.baseUrl, t.db, 'inspector', 'team-a-1');
    const notYet = await call<{ message: string }>(leader, 'POST', `/api/my/days/${planId}/2026-11-24/sign-off`, { names: ['张三', '李四'] });
    expect(notYet.status).toBe(409);
    expect(notYet.body.message).toContain('未完成');
    // The route the phones download names the leader.
    const route = await call<DayRouteDto>(member, 'GET', `/api/my/days/${planId}/2026-11-24`);
    expect(route.body.team.members.find((m) => m.id === route.body.team.leaderId)?.username).toBe('team-a-1');
  });

  it('stops serving the route and packet (real names) at midnight three days on; what the phone recorded is still taken', async () => {
    const path = `/api/my/days/${planId}/2026-11-24`;
    clock.time = new Date('2026-11-26T23:59:00+08:00');
    let a = await tokenFor(t.baseUrl, t.db, 'inspector', 'team-a-1');
    expect((await call(a, 'GET', path)).status).toBe(200);
    expect((await call<MyDayDto[]>(a, 'GET', '/api/my/days')).body.find((d) => d.visitDate === '2026-11-24')).toMatchObject({ open: true, closesAt: '2026-11-26T16:00:00.000Z' });
    clock.time = new Date('2026-11-27T00:00:00+08:00');
    a = await tokenFor(t.baseUrl, t.db, 'inspector', 'team-a-1');
    const route = await call<{ message: string }>(a, 'GET', path);
    expect(route.status).toBe(404);
    expect(route.body.message).toMatch(/已于 2026-11-26 24:00 结束.*仍可上传/);
    expect((await call(a, 'GET', `${path}/packet`)).status).toBe(404);
    expect((await call<MyDayDto[]>(a, 'GET', '/api/my/days')).body.find((d) => d.visitDate === '2026-11-24')?.open).toBe(false);
    // Syncing goes on: an empty batch is answered, not refused as a closed day.
    const sync = await call<{ rejected: unknown[] }>(a, 'POST', `${path}/sync`, { deviceId: 'phone-late-0001', records: [], substitutions: [] });
    expect(sync.status).toBe(200);
  });
});
