/**
 * 今日路线 in a real Chromium, against the real API and PostgreSQL: a 督查员 signs in on the
 * phone on the morning of a visit day and finds the team's route on the map, numbered, with the
 * next stop, the distance to it from where the phone is, and a printable route sheet; the other
 * team's inspector sees only their own route; the planner sees every team on one map.
 *
 * No network: every request that is not for 127.0.0.1 is aborted (map tiles included), so the
 * maps run on the offline grid. Screenshots land in test-results/screenshots/ for a human to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DayRouteDto, MyDayDto, PlanDto } from '@lookback/contracts';
import { haversineMeters } from '@lookback/routing';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DemoAccountsService } from '../../apps/api/src/auth/demo-accounts.service.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { DemoPlanService } from '../../apps/api/src/demo/demo-plan.service.js';
import { login } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WEB_DIST } from '../support/browser.js';
import { VISIT_DAY, VISIT_MORNING, VisitMorningClock } from '../support/visit-day.js';

const UI_TIMEOUT = 10_000;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' };
/** Near the demo county's seat (方城县), a few kilometres from its villages. */
const PHONE_POSITION = { latitude: 33.25, longitude: 113.01, accuracy: 25 };

let t: TestApp;
let browser: Browser;
let plan: PlanDto;
/** Every team-day as the planner's API reports it (names masked). */
let routes: DayRouteDto[];

beforeAll(async () => {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: build the web app first (npx vite build apps/web --logLevel warn)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST }, new VisitMorningClock());
  await resetMasterData(t.db);
  expect(await t.app.get(DemoLoaderService).loadIfEmpty('tiny')).toBe(true);
  await t.app.get(DemoAccountsService).ensure();
  await t.app.get(DemoPlanService).ensure();
  const planner = await login(t.baseUrl, 'planner', DEMO_PASSWORD);
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(t.baseUrl + path, { headers: { Authorization: `Bearer ${planner}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  [plan] = await get<PlanDto[]>('/api/plans');
  expect(plan.status).toBe('sealed');
  routes = await get<DayRouteDto[]>(`/api/plans/${plan.id}/routes`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

function routeOf(teamName: string): DayRouteDto {
  const found = routes.filter((r) => r.team.name === teamName);
  expect(found, `${teamName} has one day`).toHaveLength(1);
  expect(found[0].visitDate).toBe(VISIT_DAY);
  return found[0];
}

/** A browser context with the network cut off, the page clock at 08:00 on the visit day, and what went wrong in it. */
class Phone {
  readonly problems: string[] = [];
  readonly blocked: string[] = [];
  page!: Page;

  private constructor(readonly context: BrowserContext) {}

  static async open(options: BrowserContextOptions, geolocation: boolean): Promise<Phone> {
    const context = await browser.newContext(options);
    const phone = new Phone(context);
    if (geolocation) {
      await context.grantPermissions(['geolocation'], { origin: t.baseUrl });
      await context.setGeolocation(PHONE_POSITION);
    }
    // The page's Date agrees with the API's clock ("today" is the visit day); timers still run.
    await context.clock.setFixedTime(VISIT_MORNING);
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      phone.blocked.push(url.href);
      await route.abort('internetdisconnected').catch(() => undefined);
    });
    phone.page = await context.newPage();
    phone.page.setDefaultTimeout(UI_TIMEOUT);
    phone.page.on('pageerror', (error) => phone.problems.push(`pageerror: ${error.message}`));
    phone.page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (/Failed to load resource/.test(message.text()) && phone.blocked.includes(message.location().url)) return;
      phone.problems.push(`console.error: ${message.text()} (${message.location().url})`);
    });
    phone.page.on('response', (response) => {
      if (response.status() >= 400) phone.problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
    return phone;
  }

  testId(id: string) {
    return this.page.getByTestId(id);
  }

  /** Through the sign-in form, as a person would. */
  async signIn(username: string): Promise<void> {
    await this.page.goto(`${t.baseUrl}/#/`);
    await this.testId('login-username').fill(username);
    await this.testId('login-password').fill(DEMO_PASSWORD);
    await this.testId('login-submit').click();
    await this.page.getByTestId('page-login').waitFor({ state: 'detached' });
    // Signed out, the app's first question (who am I?) is answered 401: that is what shows the form.
    const expected = (p: string) => /\/api\/auth\/me\b/.test(p) && /401/.test(p);
    this.problems.splice(0, this.problems.length, ...this.problems.filter((p) => !expected(p)));
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** Scrolls an element to just below the sticky top bar (a plain scrollIntoView leaves it underneath). */
  async scrollClearOfTopBar(testId: string): Promise<void> {
    await this.page.evaluate(`(() => {
      const el = document.querySelector('[data-testid="${testId}"]');
      const bar = document.querySelector('.topbar');
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - (bar ? bar.getBoundingClientRect().height : 0) - 16);
    })()`);
  }

  /** The labels of the numbered markers on a map, in drawing order. */
  markerLabels(mapTestId: string): Promise<string[]> {
    return this.testId(mapTestId).locator('.leaflet-marker-pane .stop-marker').allInnerTexts();
  }

  /** Nothing went wrong, and nothing but map tiles tried to leave the machine. */
  expectClean(): void {
    expect(this.problems).toEqual([]);
    expect(this.blocked.filter((url) => !/\/\d+\/\d+\/\d+\.png(\?|$)/.test(url))).toEqual([]);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

describe('a 督查员 on the morning of the visit day', () => {
  let phone: Phone;
  beforeAll(async () => {
    phone = await Phone.open(PHONE, true);
  });
  afterAll(() => phone?.close());

  it('signs in and lands on 今日路线 with today’s day open', async () => {
    const route = routeOf('第一督查组');
    await phone.signIn('inspector1');
    await phone.testId('page-my-days').waitFor();
    expect(phone.page.url()).toContain('#/today');
    const rows = phone.testId('my-day-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-open')).toBe('true');
    expect(await rows.first().getAttribute('data-date')).toBe(VISIT_DAY);
    const text = await rows.first().innerText();
    expect(text).toContain('第一督查组');
    expect(text).toContain('今天');
    expect(text).toContain(`${route.villages.length} 个村`);
    await phone.screenshot('inspector-1-days');
    phone.expectClean();
  });

  it('opens the day: numbered markers for start, villages and the stops of the first village, the route line, the ordered list and the next stop', async () => {
    const route = routeOf('第一督查组');
    const first = route.villages[0];
    expect(first.items.length).toBeGreaterThan(1);
    await phone.testId('my-day-row').first().locator('a').click();
    await phone.testId('page-my-day').waitFor();
    const map = phone.testId('day-map');
    await map.waitFor();

    // 起, villages 1..n, then the first village's stops 1..m: what the inspector sees on the map.
    const expected = ['起', ...route.villages.map((v) => String(v.seq)), ...first.items.map((_, i) => String(i + 1))];
    await expect.poll(() => phone.markerLabels('day-map')).toEqual(expected);
    expect(await map.getAttribute('data-numbered')).toBe(String(expected.length));
    // The day's loop plus the walk through the selected village.
    expect(await map.getAttribute('data-routes')).toBe('2');
    expect(await map.locator('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas').count()).toBeGreaterThan(0);
    // The next stop is the first stop of the first village, on the map and in the list.
    expect(await map.locator('.stop-marker.stop-next').count()).toBe(1);
    expect(await map.locator('.stop-marker.stop-next').innerText()).toBe('1');

    const stops = phone.testId('route-stop');
    expect(await stops.count()).toBe(route.villages.reduce((n, v) => n + v.items.length, 0));
    const shown = await stops.locator('code').allInnerTexts();
    expect(shown.map((s) => s.trim())).toEqual(route.villages.flatMap((v) => v.items.map((i) => i.code)));
    expect(await stops.first().getAttribute('data-next')).toBe('true');
    expect(await phone.page.locator('[data-testid="route-stop"][data-next="true"]').count()).toBe(1);

    const next = phone.testId('next-stop');
    expect(await next.getAttribute('data-stop')).toBe(`${first.villageCode}/${first.items[0].kind}:${first.items[0].code}`);
    // The assigned inspector, in the visit window, sees the real name (the planner's copy is masked).
    const name = (await phone.testId('next-stop-name').innerText()).trim();
    if (first.items[0].kind === 'household') {
      expect(name).not.toContain('*');
      expect(Array.from(name)[0]).toBe(Array.from(first.items[0].label)[0]);
    }
    const links = await next.locator('[data-testid="nav-links"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links[0]).toContain(`position=${first.items[0].lng},${first.items[0].lat}`);
    expect(links[0]).toContain('coordinate=wgs84');
    expect(links[1]).toContain(`location=${first.items[0].lat},${first.items[0].lng}`);
    expect(links).toHaveLength(4);
    await phone.screenshot('inspector-2-route');
    await phone.scrollClearOfTopBar('day-map');
    await phone.page.screenshot({ path: resolve(SCREENSHOTS, 'inspector-2-route-map.png') });
    phone.expectClean();
  });

  it('shows where the phone is, with its accuracy, and the distance to the next stop', async () => {
    const first = routeOf('第一督查组').villages[0].items[0];
    expect(await phone.testId('next-stop-distance').innerText()).toContain('我的位置');
    await phone.testId('locate').click();
    await expect.poll(() => phone.testId('geo-status').innerText()).toContain('已定位');
    expect(await phone.testId('geo-status').innerText()).toContain('精度约 ±25 米');
    await expect.poll(() => phone.testId('day-map').getAttribute('data-me')).toBe('shown');
    expect(await phone.testId('day-map').locator('path.my-position').count()).toBe(1);
    const metres = haversineMeters({ lat: PHONE_POSITION.latitude, lng: PHONE_POSITION.longitude }, first);
    await expect.poll(() => phone.testId('next-stop-distance').getAttribute('data-meters')).toBe(String(Math.round(metres)));
    const text = await phone.testId('next-stop-distance').innerText();
    expect(text).toMatch(/^距您 [\d.]+ (米|公里)/);
    expect(metres).toBeGreaterThan(100);
    // The whole day on the map: start, villages and the phone's own blue dot.
    await phone.testId('map-whole-day').click();
    await expect.poll(() => phone.markerLabels('day-map')).toContain('起');
    await phone.scrollClearOfTopBar('day-map');
    await phone.page.waitForTimeout(300);
    await phone.page.screenshot({ path: resolve(SCREENSHOTS, 'inspector-3-located-map.png') });
    await phone.screenshot('inspector-3-located');
    await phone.testId('map-whole-day').click();
    phone.expectClean();
  });

  it('ticks the next stop off, moves the highlight on, and keeps the tick after a reload', async () => {
    const items = routeOf('第一督查组').villages[0].items;
    await phone.testId('mark-done').click();
    const secondKey = (i: (typeof items)[number]) => `${routeOf('第一督查组').villages[0].villageCode}/${i.kind}:${i.code}`;
    await expect.poll(() => phone.testId('next-stop').getAttribute('data-stop')).toBe(secondKey(items[1]));
    expect(await phone.testId('route-stop').first().getAttribute('data-done')).toBe('true');
    await phone.page.reload();
    await phone.testId('next-stop').waitFor();
    expect(await phone.testId('next-stop').getAttribute('data-stop')).toBe(secondKey(items[1]));
    expect(await phone.testId('route-stop').first().getAttribute('data-done')).toBe('true');
    await expect.poll(() => phone.testId('day-map').locator('.stop-marker.stop-next').innerText()).toBe('2');
    phone.expectClean();
  });

  it('prints a route sheet with masked names and the plan commitment as a QR code', async () => {
    const route = routeOf('第一督查组');
    await phone.testId('print-route').click();
    await phone.testId('route-sheet').waitFor();
    expect(await phone.page.locator('.topbar').count()).toBe(0);
    expect(await phone.testId('sheet-team').innerText()).toBe('第一督查组');
    expect(await phone.testId('sheet-date').innerText()).toBe(VISIT_DAY);
    expect((await phone.testId('sheet-commitment').innerText()).trim()).toBe(plan.commitment);
    await expect.poll(() => phone.testId('sheet-qr-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const rows = phone.testId('sheet-stop');
    expect(await rows.count()).toBe(route.villages.reduce((n, v) => n + v.items.length, 0));
    const labels = (await phone.testId('sheet-stop-label').allInnerTexts()).map((s) => s.trim());
    // The planner's masked labels are exactly what the sheet must print, whoever prints it.
    expect(labels).toEqual(route.villages.flatMap((v) => v.items.map((i) => i.label)));
    const households = route.villages.flatMap((v) => v.items.filter((i) => i.kind === 'household'));
    const real = await t.db.query(`SELECT head_name FROM household WHERE household_no = ANY($1)`, [households.map((h) => h.code)]) as { head_name: string }[];
    const sheetText = await phone.testId('route-sheet').innerText();
    expect(real.filter((h) => Array.from(h.head_name).length >= 2 && sheetText.includes(h.head_name))).toEqual([]);
    await phone.screenshot('inspector-4-sheet');
    // On paper: no buttons, and an A4 PDF as the browser's "save as PDF" would make it.
    await phone.page.emulateMedia({ media: 'print' });
    expect(await phone.testId('sheet-print').isVisible()).toBe(false);
    expect(await phone.testId('route-sheet').isVisible()).toBe(true);
    await phone.page.emulateMedia({ media: 'screen' });
    const pdf = await phone.page.pdf({ path: resolve(SCREENSHOTS, 'inspector-route-sheet.pdf'), format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    phone.expectClean();
  });
});

describe('the other team’s 督查员', () => {
  let phone: Phone;
  beforeAll(async () => {
    // No location permission in this browser: the refusal must be explained, not swallowed.
    phone = await Phone.open(PHONE, false);
  });
  afterAll(() => phone?.close());

  it('sees its own team’s route and nothing of the first team’s villages', async () => {
    const own = routeOf('第二督查组');
    const other = routeOf('第一督查组');
    await phone.signIn('inspector2');
    const rows = phone.testId('my-day-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('第二督查组');
    await rows.first().locator('a').click();
    await phone.testId('page-my-day').waitFor();
    expect(await phone.testId('day-title').innerText()).toContain('第二督查组');
    const expected = ['起', ...own.villages.map((v) => String(v.seq)), ...own.villages[0].items.map((_, i) => String(i + 1))];
    await expect.poll(() => phone.markerLabels('day-map')).toEqual(expected);
    const villages = (await phone.testId('route-village').evaluateAll((els) => els.map((el) => el.getAttribute('data-code'))));
    expect(villages).toEqual(own.villages.map((v) => v.villageCode));

    const text = await phone.page.locator('body').innerText();
    for (const village of other.villages) {
      expect(text).not.toContain(village.villageName);
      expect(text).not.toContain(village.villageCode);
      for (const item of village.items) expect(text).not.toContain(item.code);
    }
    await phone.screenshot('inspector-5-second-team');
    phone.expectClean();
  });

  it('explains a refused location permission', async () => {
    await phone.testId('locate').click();
    await expect.poll(() => phone.testId('geo-status').innerText()).toContain('权限');
    expect(await phone.testId('geo-status').getAttribute('role')).toBe('alert');
    expect(await phone.testId('next-stop-distance').innerText()).not.toContain('距您');
    phone.expectClean();
  });

  it('opening the plan’s day by address still shows only its own team’s route', async () => {
    const other = routeOf('第一督查组');
    await phone.page.goto(`${t.baseUrl}/#/today/${other.planId}/${VISIT_DAY}`);
    // Its own day of the same plan and date: the API answers with the caller's team, never another's.
    await phone.testId('day-title').waitFor();
    expect(await phone.testId('day-title').innerText()).toContain('第二督查组');
    const days = await phone.page.evaluate(async () => (await fetch('/api/my/days')).json() as Promise<MyDayDto[]>);
    expect(days.map((d) => d.teamName)).toEqual(['第二督查组']);
    phone.expectClean();
  });
});

describe('the 督查组长', () => {
  let phone: Phone;
  beforeAll(async () => {
    phone = await Phone.open(DESKTOP, false);
  });
  afterAll(() => phone?.close());

  it('sees the plan on one map: villages coloured by team, each team-day’s route, the drawn households', async () => {
    await phone.signIn('planner');
    await phone.testId('county-name').waitFor();
    await phone.page.goto(`${t.baseUrl}/#/plans/${plan.id}`);
    const section = phone.testId('plan-teams');
    await phone.testId('team-row').first().waitFor();
    expect(await phone.testId('team-row').count()).toBe(2);
    const map = phone.testId('plan-map');
    await map.waitFor();
    await expect.poll(() => map.getAttribute('data-routes')).toBe(String(routes.length));
    expect(Number(await map.getAttribute('data-points'))).toBeGreaterThanOrEqual(plan.villageCodes.length);
    const located = routes.flatMap((r) => r.villages.flatMap((v) => v.items.filter((i) => i.kind === 'household' && !i.approximate)));
    expect(await map.getAttribute('data-clustered')).toBe(String(located.length));
    // Households are clustered: markers or cluster bubbles, never nothing.
    await expect.poll(() => map.locator('.household-dot, .household-cluster').count()).toBeGreaterThan(0);
    // Each team's households wear its colour, clustered or not: two teams, two colours.
    const colours = await map.locator('.household-dot span, .household-cluster span').evaluateAll((spans) => [...new Set(spans.map((s) => s.getAttribute('style')))]);
    expect(colours).toHaveLength(2);
    expect(await map.locator('.stop-marker').allInnerTexts()).toEqual(['起', '起']);
    const legend = await section.getByTestId('map-legend').innerText();
    expect(legend).toContain('第一督查组');
    expect(legend).toContain('第二督查组');
    expect(await phone.testId('route-day').count()).toBe(routes.length);
    expect(await phone.testId('schedule-row').count()).toBe(plan.villageCodes.length);
    await section.screenshot({ path: resolve(SCREENSHOTS, 'planner-plan-map.png') });

    await phone.testId('route-day-print').first().click();
    await phone.testId('route-sheet').waitFor();
    expect((await phone.testId('sheet-commitment').innerText()).trim()).toBe(plan.commitment);
    await expect.poll(() => phone.testId('sheet-qr-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await phone.screenshot('planner-route-sheet');
    phone.expectClean();
  });

  it('creates a team with a start picked on the map, is told which username is wrong, and deletes the team again', async () => {
    await phone.page.goto(`${t.baseUrl}/#/plans/${plan.id}`);
    await phone.testId('team-row').first().waitFor();
    await phone.testId('team-name').fill('第三督查组');
    await phone.testId('team-start-label').fill('县委');
    await phone.testId('team-pick-start').click();
    await phone.testId('plan-map').click({ position: { x: 300, y: 200 } });
    await expect.poll(() => phone.testId('team-start-lat').inputValue()).toMatch(/^\d+\.\d{6}$/);
    expect(await phone.testId('team-start-lng').inputValue()).toMatch(/^\d+\.\d{6}$/);
    await phone.testId('team-members').fill('inspector1， ghost-inspector');
    await phone.testId('team-create').click();
    await expect.poll(() => phone.testId('team-form').getByTestId('error-message').innerText()).toContain('ghost-inspector');
    expect(await phone.testId('team-row').count()).toBe(2);
    // That refusal (400) is the expected answer, not a fault of the page.
    const refused = (p: string) => /400/.test(p) && new RegExp(`/api/plans/${plan.id}/teams\\b`).test(p);
    phone.problems.splice(0, phone.problems.length, ...phone.problems.filter((p) => !refused(p)));

    await phone.testId('team-members').fill('inspector1');
    await phone.testId('team-create').click();
    await expect.poll(() => phone.testId('team-row').count()).toBe(3);
    const third = phone.testId('team-row').filter({ hasText: '第三督查组' });
    expect(await third.innerText()).toContain('inspector1');
    await expect.poll(() => phone.testId('plan-teams').getByTestId('map-legend').innerText()).toContain('第三督查组');
    await third.getByTestId('team-delete').click();
    await phone.testId('confirm-ok').click();
    await expect.poll(() => phone.testId('team-row').count()).toBe(2);
    phone.expectClean();
  });
});
