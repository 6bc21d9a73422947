/**
 * The built web app in a real Chromium, against the real API and PostgreSQL, at a phone and a
 * desktop size: the screens a supervision group (督查组) opens before going to the villages.
 *
 * No network: every request that is not for 127.0.0.1 is aborted (the configured tile server
 * included), so the maps must fall back to the offline grid (离线底图) as they would on a county
 * intranet. Phone screenshots land in test-results/screenshots/ for a human to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HouseholdCounts, OverviewDto, SnapshotDto, TownDto, VillageDto } from '@lookback/contracts';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DemoAccountsService } from '../../apps/api/src/auth/demo-accounts.service.js';
import { SESSION_COOKIE } from '../../apps/api/src/auth/request-user.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WEB_DIST } from '../support/browser.js';

/** Screens must settle well within this: a phone in the field will not wait longer. */
const UI_TIMEOUT = 10_000;
/** apps/web/src/map/base-layer.ts FAILURES_BEFORE_FALLBACK: tile failures before the grid takes over. */
const TILE_FAILURES_BEFORE_FALLBACK = 4;
/**
 * Time between two refused requests to other hosts. A dead link fails request by request (DNS and
 * connect timeouts), not all in one instant; a fallback that only works for a burst of failures
 * would leave phones in the field on an empty "online" layer.
 */
const FAILURE_SPACING_MS = 30;
const HOUSEHOLD_COUNT_KEYS: (keyof HouseholdCounts)[] = ['total', 'tuopin', 'monitored', 'ordinary', 'dibao', 'tekun', 'severeDisability', 'seriousIllness', 'elderlyAlone'];

const VIEWPORTS: { name: 'phone' | 'desktop'; options: BrowserContextOptions }[] = [
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: 'desktop', options: { viewport: { width: 1366, height: 900 } } },
];

/** 督查组长: may read the household roster and import files (admin and planner are the data stewards). */
const USER = 'planner';

let t: TestApp;
let browser: Browser;
/** Session token of USER: a cookie in the browser, a bearer token for the test's own API calls. */
let token: string;

beforeAll(async () => {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) {
    throw new Error(`${WEB_DIST}/index.html is missing: build the web app first (npm test does; by hand: npx vite build apps/web --logLevel warn)`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST });
  await resetMasterData(t.db);
  // The real import path: the demo county is written as CSV files and imported like a user's.
  const loaded = await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  expect(loaded).toBe(true);
  await t.app.get(DemoAccountsService).ensure();
  const login = await fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: USER, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`signing in as ${USER}: ${login.status} ${await login.text()}`);
  token = ((await login.json()) as { token: string }).token;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(t.baseUrl + path, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await t.db.query(query, params)) as T[];
}

/** "1,234" (however the locale groups digits) -> 1234. */
function digits(text: string | null): number {
  const only = (text ?? '').replace(/[^\d]/g, '');
  if (!only) throw new Error(`no number in "${text}"`);
  return Number(only);
}

function csv(rows: (string | number)[][]): Buffer {
  return Buffer.from('\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
}

/**
 * One browser tab plus everything that went wrong in it: uncaught errors, console errors, failed
 * API calls, and requests that tried to leave the machine.
 */
class Tab {
  readonly problems: string[] = [];
  /** Requests to other hosts, aborted by the context's route (tile requests are expected). */
  readonly blocked: string[];

  private constructor(
    readonly page: Page,
    blocked: string[],
  ) {
    this.blocked = blocked;
    page.on('pageerror', (error) => this.problems.push(`pageerror: ${error.message} ${(error.stack ?? '').split('\n').slice(1, 4).join(' | ')}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium logs each aborted request; only the ones we aborted on purpose are expected.
      const source = message.location().url;
      if (/Failed to load resource/.test(message.text()) && this.blocked.includes(source)) return;
      this.problems.push(`console.error: ${message.text()} (${source})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) this.problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      // ERR_ABORTED: the app cancelled it (a screen left before its request finished).
      if (this.blocked.includes(request.url()) || reason === 'net::ERR_ABORTED') return;
      this.problems.push(`request failed: ${request.url()} ${reason}`);
    });
  }

  static async open(context: BrowserContext, blocked: string[], hash = '#/'): Promise<Tab> {
    const tab = new Tab(await context.newPage(), blocked);
    tab.page.setDefaultTimeout(UI_TIMEOUT);
    await tab.page.goto(`${t.baseUrl}/${hash}`);
    return tab;
  }

  testId(id: string) {
    return this.page.getByTestId(id);
  }

  async text(): Promise<string> {
    return this.page.locator('body').innerText();
  }

  /** Waits for the map's online layer to be tried and given up (tiles aborted), leaving the grid. */
  async expectOfflineMap(testId: string): Promise<void> {
    const map = this.testId(testId);
    await map.waitFor();
    // The map starts in 'offline' mode before it has read /api/config/map; only once the online
    // layer has asked for tiles (and been refused) does 'offline' prove the fallback worked.
    await expect.poll(() => this.tileRequests().length, { timeout: UI_TIMEOUT }).toBeGreaterThanOrEqual(TILE_FAILURES_BEFORE_FALLBACK);
    await expect
      .poll(
        () =>
          map.evaluate((el) => ({
            mode: el.getAttribute('data-base-layer'),
            onlineTiles: el.querySelectorAll('img.leaflet-tile').length,
            gridTiles: el.querySelectorAll('.offline-grid canvas').length,
          })),
        { timeout: UI_TIMEOUT },
      )
      .toMatchObject({ mode: 'offline', onlineTiles: 0, gridTiles: expect.any(Number) });
    expect(await map.locator('.offline-grid canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => this.testId('map-offline-badge').isVisible()).toBe(true);
    // circleMarkers draw on Leaflet's canvas renderer in the overlay pane.
    expect(await map.locator('.leaflet-overlay-pane canvas').count()).toBeGreaterThan(0);
  }

  tileRequests(): string[] {
    return this.blocked.filter((url) => /\/\d+\/\d+\/\d+\.png(\?|$)/.test(url));
  }

  async screenshot(viewport: string, name: string): Promise<void> {
    if (viewport !== 'phone') return;
    await this.page.screenshot({ path: resolve(SCREENSHOTS, `${viewport}-${name}.png`), fullPage: true });
  }

  /** Nothing went wrong, and nothing but map tiles tried to reach the network. */
  expectClean(): void {
    expect(this.problems).toEqual([]);
    expect(this.blocked.filter((url) => !this.tileRequests().includes(url))).toEqual([]);
  }
}

describe.each(VIEWPORTS)('the web app on a $name screen', ({ name: viewport, options }) => {
  let context: BrowserContext;
  const blocked: string[] = [];
  let tab: Tab | undefined;

  beforeAll(async () => {
    context = await browser.newContext({ ...options, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    // Signed in as the API's login would leave the browser (the web app has no sign-in screen yet).
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: t.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
    // Failures arrive one by one, as timeouts do on a weak signal, not all in the same instant.
    let failures = Promise.resolve();
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      blocked.push(url.href);
      const turn = failures.then(() => new Promise<void>((done) => setTimeout(done, FAILURE_SPACING_MS)));
      failures = turn;
      await turn;
      await route.abort('internetdisconnected').catch(() => undefined); // the tab may have closed meanwhile
    });
  });
  afterEach(async () => {
    await tab?.page.close();
    tab = undefined;
    blocked.length = 0;
  });
  afterAll(() => context?.close());

  it('opens on the county overview with the household counts the API reports', async () => {
    tab = await Tab.open(context, blocked, '#/');
    const overview = await apiGet<OverviewDto>('/api/overview');
    expect(overview.county?.name).toBe('方城县');

    await expect.poll(() => tab!.testId('county-name').textContent()).toBe('方城县');
    for (const key of HOUSEHOLD_COUNT_KEYS) {
      expect(digits(await tab.testId(`count-${key}`).locator('.stat-value').textContent()), key).toBe(overview.counts[key]);
    }
    expect(overview.counts.total).toBeGreaterThan(1000);
    expect(digits(await tab.testId('count-towns').locator('.stat-value').textContent())).toBe(overview.towns);
    expect(digits(await tab.testId('count-villages').locator('.stat-value').textContent())).toBe(overview.villages);
    await tab.testId('health').waitFor();
    expect(await tab.testId('health').innerText()).toContain('正常');
    await tab.screenshot(viewport, '1-overview');
    tab.expectClean();
  });

  it('lists the two towns of the demo county from the 乡镇 menu', async () => {
    tab = await Tab.open(context, blocked, '#/');
    await tab.testId('county-name').waitFor();
    await tab.testId('nav-towns').click();
    await tab.testId('towns-table').waitFor();
    const towns = await apiGet<TownDto[]>('/api/towns');
    expect(towns).toHaveLength(2);
    const rows = tab.testId('town-row');
    expect(await rows.count()).toBe(2);
    const shown = await rows.locator('td:first-child').allInnerTexts();
    expect(shown.map((s) => s.trim())).toEqual(towns.map((town) => town.name));
    for (const [i, town] of towns.entries()) {
      expect(digits(await rows.nth(i).locator('td').nth(2).textContent())).toBe(town.counts.total);
    }
    await tab.screenshot(viewport, '2-towns');
    tab.expectClean();
  });

  it('shows every village in the 行政村 table and as one point each on the offline map', async () => {
    tab = await Tab.open(context, blocked, '#/');
    await tab.testId('county-name').waitFor();
    await tab.testId('nav-villages').click();
    await tab.testId('villages-table').waitFor();
    const villages = await apiGet<VillageDto[]>('/api/villages');
    expect(villages.length).toBeGreaterThanOrEqual(5);
    await expect.poll(() => tab!.testId('village-row').count()).toBe(villages.length);
    const names = await tab.testId('village-row').locator('td:first-child').allInnerTexts();
    expect(names.map((s) => s.trim()).sort()).toEqual(villages.map((v) => v.name).sort());

    await tab.expectOfflineMap('villages-map');
    expect(await tab.testId('villages-map').getAttribute('data-points')).toBe(String(villages.length));
    await tab.screenshot(viewport, '3-villages');
    tab.expectClean();
  });

  it('opens a village whose household roster shows only masked names of the heads of household', async () => {
    tab = await Tab.open(context, blocked, '#/villages');
    await tab.testId('village-row').first().waitFor();
    await tab.testId('village-row').first().locator('a').click();
    await tab.testId('village-name').waitFor();
    const code = decodeURIComponent(tab.page.url().split('#/villages/')[1] ?? '');
    expect(code).toMatch(/^\d{12}$/);

    const rows = tab.testId('household-row');
    await rows.first().waitFor();
    const [{ n: total }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM household WHERE village_code = $1`, [code]);
    expect(await rows.count()).toBe(Math.min(total, 50));
    const heads = (await rows.locator('td:nth-child(2)').allInnerTexts()).map((s) => s.trim());
    for (const head of heads) expect(head).toMatch(/^\p{Script=Han}\*+\p{Script=Han}?$/u);

    const real = await sql<{ head_name: string; household_no: string }>(`SELECT household_no, head_name FROM household WHERE village_code = $1 ORDER BY household_no`, [code]);
    const shownNos = (await rows.locator('td:first-child').allInnerTexts()).map((s) => s.trim());
    expect(shownNos).toEqual(real.slice(0, shownNos.length).map((h) => h.household_no));
    const pageText = await tab.text();
    // Single-character names cannot be masked, and 2-character ones could occur by chance in other text.
    const leaked = real.filter((h) => Array.from(h.head_name).length >= 2 && pageText.includes(h.head_name)).map((h) => h.head_name);
    expect(leaked).toEqual([]);

    const [{ n: located }] = await sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM household WHERE village_code = $1 AND lat IS NOT NULL)::int
            + (SELECT count(*) FROM asset WHERE village_code = $1 AND lat IS NOT NULL)::int AS n`,
      [code],
    );
    await tab.expectOfflineMap('village-map');
    await expect.poll(() => tab!.testId('village-map').getAttribute('data-points')).toBe(String(located));
    await tab.screenshot(viewport, '4-village');
    tab.expectClean();
  });

  it('refuses a households file with a bad income in row 3, names row and column, and changes nothing; then imports a valid villages file', async () => {
    tab = await Tab.open(context, blocked, '#/');
    await tab.testId('county-name').waitFor();
    await tab.testId('nav-import').click();
    await tab.testId('page-import').waitFor();

    const [village] = await apiGet<VillageDto[]>('/api/villages');
    const household = (no: string, name: string, income: string) => [no, name, village.townName, village.name, village.code, '一般农户', '', '否', '否', '否', '否', '否', '3', income, '', ''];
    const header = ['户编号', '户主姓名', '乡镇', '行政村', '村代码', '户类型', '监测对象类别', '是否低保户', '是否特困户', '是否重度残疾', '是否大病重病', '是否独居高龄老人', '家庭人口数', '人均纯收入', '经度', '纬度'];
    const bad = csv([header, household('E2E-0001', '测试甲', '12000'), household('E2E-0002', '测试乙', 'abc'), household('E2E-0003', '测试丙', '9000')]);
    const countsBefore = await sql<{ households: number; snapshots: number }>(`SELECT (SELECT count(*) FROM household)::int AS households, (SELECT count(*) FROM roster_snapshot)::int AS snapshots`);

    await tab.testId('import-kind-households').click();
    await tab.testId('import-file').setInputFiles({ name: '农户花名册-错误.csv', mimeType: 'text/csv', buffer: bad });
    await tab.testId('import-start').click();
    const failure = tab.testId('import-failure');
    await failure.waitFor();
    expect(await failure.innerText()).toContain('数据未做任何更改');
    const problems: string[][] = [];
    for (const tr of await tab.testId('import-problems').locator('tbody tr').all()) {
      problems.push((await tr.locator('td').allInnerTexts()).map((cell) => cell.trim()));
    }
    expect(problems).toEqual([['3', '人均纯收入', expect.stringContaining('abc')]]);
    expect(await sql(`SELECT (SELECT count(*) FROM household)::int AS households, (SELECT count(*) FROM roster_snapshot)::int AS snapshots`)).toEqual(countsBefore);
    expect(await sql(`SELECT 1 FROM household WHERE household_no LIKE 'E2E-%'`)).toEqual([]);
    await tab.screenshot(viewport, '5-import-failure');

    // The same village row as it is stored: importing it changes nothing but records a snapshot.
    const latestBefore = (await apiGet<OverviewDto>('/api/overview')).latestSnapshot;
    expect(latestBefore).not.toBeNull();
    const villagesFile = csv([
      ['村代码', '行政村', '乡镇代码', '乡镇', '村类型', '经度', '纬度'],
      [village.code, village.name, village.townCode, village.townName, village.villageType, village.lng, village.lat],
    ]);
    await tab.testId('import-kind-villages').click();
    await tab.testId('import-file').setInputFiles({ name: '行政村名录.csv', mimeType: 'text/csv', buffer: villagesFile });
    await tab.testId('import-start').click();
    await tab.testId('import-success').waitFor();
    const hash = tab.testId('import-snapshot-hash');
    const fullHash = await hash.getAttribute('title');
    expect(fullHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await hash.innerText()).replace('…', '')).toBe(fullHash!.slice(0, 12));
    const [latest] = await apiGet<SnapshotDto[]>('/api/snapshots');
    expect(latest.contentHash).toBe(fullHash);
    expect(latest.id).not.toBe(latestBefore!.id);
    // Same roster, same hash: the snapshot is of the content, not of the upload.
    expect(fullHash).toBe(latestBefore!.contentHash);
    await tab.screenshot(viewport, '6-import-success');
    tab.expectClean();
  });
  it('opens the 排查表 screen: the 方城 附件1 household checklist with its 13 items, downloadable as Excel', async () => {
    tab = await Tab.open(context, blocked, '#/');
    await tab.testId('county-name').waitFor();
    await tab.testId('nav-checklists').click();
    await tab.testId('checklist-list').waitFor();
    const row = tab.testId('checklist-fangcheng-household');
    expect(await row.getByTestId('checklist-version').innerText()).toBe('第 1 版');
    await row.getByRole('button').click();
    expect(await tab.testId('checklist-items').locator('tbody tr').count()).toBe(13);
    // Planners read; only admins upload a new version.
    expect(await tab.testId('checklist-upload').count()).toBe(0);
    const download = await fetch(`${t.baseUrl}/api/checklist-templates/fangcheng-household/xlsx`, { headers: { Authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    await tab.screenshot(viewport, '7-checklists');
    tab.expectClean();
  });
});
