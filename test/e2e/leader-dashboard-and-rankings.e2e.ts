/**
 * The leader's screens in a real Chromium against the real API: signing in lands on the dashboard
 * (ECharts charts, the village map on the offline base map), 排队 shows ranks with intervals, 并列
 * and change marks, a village drills down to its breakdown and findings; an admin's invalid scheme
 * is explained before it can be saved. Data: the demo's completed first round, snapshotted on demand.
 * No network beyond 127.0.0.1. Screenshots: test-results/screenshots/rank-*.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RankingTableDto } from '@lookback/contracts';
import { DEFAULT_SCHEME } from '@lookback/scoring';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DemoAccountsService } from '../../apps/api/src/auth/demo-accounts.service.js';
import { SESSION_COOKIE } from '../../apps/api/src/auth/request-user.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { DemoRoundService } from '../../apps/api/src/demo/demo-round.service.js';
import { RankingsService } from '../../apps/api/src/rankings/rankings.service.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WEB_DIST } from '../support/browser.js';

const UI_TIMEOUT = 15_000;

let t: TestApp;
let browser: Browser;
const tokens: Record<string, string> = {};

async function signIn(username: string): Promise<string> {
  const r = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (r.status !== 200) throw new Error(`signing in as ${username}: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

async function open(username: string, hash: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  await context.addCookies([{ name: SESSION_COOKIE, value: tokens[username], url: t.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('internetdisconnected')));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${t.baseUrl}/${hash}`);
  return { context, page, errors };
}

beforeAll(async () => {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: build the web app first`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST });
  await resetMasterData(t.db);
  // Schemes are append-only to the app; TRUNCATE (tests only) starts from the default scheme again.
  await t.db.query(`TRUNCATE plan, scoring_scheme, ranking_snapshot CASCADE`);
  await t.app.get(RankingsService).onModuleInit();
  await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  await t.app.get(DemoAccountsService).ensure();
  expect(await t.app.get(DemoRoundService).ensure()).not.toBeNull();
  for (const u of ['leader', 'planner', 'admin']) tokens[u] = await signIn(u);
  const taken = await fetch(`${t.baseUrl}/api/rankings/snapshot`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.planner}` } });
  expect(taken.status).toBe(201);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  // Leave the default scheme current for the test files after this one (they share the run's database).
  await t?.db.query(`TRUNCATE scoring_scheme, ranking_snapshot CASCADE`);
  await t?.app.get(RankingsService).onModuleInit();
  await t?.close();
});

describe('the leader’s dashboard and rankings', () => {
  it('lands on the dashboard with its charts and the villages on the map, then ranks and drills down', async () => {
    const table = (await (await fetch(`${t.baseUrl}/api/rankings?level=village`, { headers: { Authorization: `Bearer ${tokens.leader}` } })).json()) as RankingTableDto;
    expect(table.rows.length).toBeGreaterThan(0);
    const { context, page, errors } = await open('leader', '');
    try {
      await page.waitForURL(/#\/dashboard$/, { timeout: UI_TIMEOUT });
      await page.getByTestId('chart-trend').locator('canvas').waitFor({ timeout: UI_TIMEOUT });
      await page.getByTestId('chart-problems').locator('canvas').waitFor({ timeout: UI_TIMEOUT });
      await page.getByTestId('dashboard-map').waitFor({ timeout: UI_TIMEOUT });
      await expect.poll(() => page.getByTestId('dashboard-map').getAttribute('data-points'), { timeout: UI_TIMEOUT }).toBe(String(table.rows.length));
      await expect.poll(() => page.getByTestId('map-offline-badge').isVisible(), { timeout: UI_TIMEOUT }).toBe(true);
      expect(await page.getByTestId('dashboard-map').locator('.leaflet-overlay-pane canvas').count()).toBeGreaterThan(0);
      await page.screenshot({ path: resolve(SCREENSHOTS, 'rank-1-dashboard.png'), fullPage: true });

      await page.getByTestId('nav-rankings').click();
      await page.getByTestId('ranking-table').waitFor({ timeout: UI_TIMEOUT });
      const rows = page.getByTestId('ranking-row');
      expect(await rows.count()).toBe(table.rows.length);
      expect(await page.getByTestId('tie-badge').count()).toBe(table.rows.filter((r) => r.tiedWith.length > 0).length);
      // Each badge says with which ranks the row is tied.
      const tied = table.rows.find((r) => r.tiedWith.length > 0);
      if (tied) {
        const ranks = tied.tiedWith.map((code) => table.rows.find((x) => x.code === code)!.rank);
        const [lo, hi] = [Math.min(...ranks), Math.max(...ranks)];
        expect(await page.locator(`[data-testid="ranking-row"][data-code="${tied.code}"] [data-testid="tie-badge"]`).innerText()).toBe(lo === hi ? `与第 ${lo} 名并列` : `与第 ${lo}–${hi} 名并列`);
      }
      expect(await page.getByTestId('interval-bar').count()).toBe(table.rows.length);
      expect(await page.getByTestId('ranking-meta').innerText()).toContain(table.schemeVersion);
      await page.screenshot({ path: resolve(SCREENSHOTS, 'rank-2-rankings.png'), fullPage: true });

      const first = table.rows[0];
      await rows.first().click();
      await page.getByTestId('breakdown-table').waitFor({ timeout: UI_TIMEOUT });
      expect(await page.getByTestId('village-name').innerText()).toContain(first.name);
      expect(await page.getByTestId('village-score').innerText()).toBe(first.score.toFixed(1));
      expect(await page.getByTestId('breakdown-row').count()).toBe(6);
      await page.screenshot({ path: resolve(SCREENSHOTS, 'rank-3-village.png'), fullPage: true });

      await page.goto(`${t.baseUrl}/#/rankings?level=town`);
      await page.getByTestId('ranking-table').waitFor({ timeout: UI_TIMEOUT });
      await page.getByTestId('ranking-row').first().click();
      await page.getByTestId('town-villages-table').waitFor({ timeout: UI_TIMEOUT });

      await page.getByTestId('nav-quiz').click();
      await page.getByTestId('page-quiz-analysis').waitFor({ timeout: UI_TIMEOUT });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells the admin why a scheme cannot be saved, and saves a valid one as a new version', async () => {
    const { context, page, errors } = await open('admin', '#/scoring-schemes');
    try {
      await page.getByTestId('scheme-form').waitFor({ timeout: UI_TIMEOUT });
      // Start from the library's default whatever is current (other tests of the run may have saved one).
      await page.getByTestId('scheme-json').fill(JSON.stringify({ ...DEFAULT_SCHEME, version: '' }, null, 2));
      await page.getByTestId('scheme-version').fill('2026.浏览器');
      await page.getByTestId('weight-households').fill('40');
      await expect.poll(() => page.getByTestId('scheme-problems').innerText(), { timeout: UI_TIMEOUT }).toContain('各分项分值合计为 90，应为 100');
      expect(await page.getByTestId('save-scheme').isDisabled()).toBe(true);
      await page.screenshot({ path: resolve(SCREENSHOTS, 'rank-4-scheme-invalid.png'), fullPage: true });
      await page.getByTestId('weight-households').fill('50');
      await expect.poll(() => page.getByTestId('scheme-problems').count(), { timeout: UI_TIMEOUT }).toBe(0);
      await page.getByTestId('save-scheme').click();
      await expect.poll(() => page.getByTestId('scheme-saved').count(), { timeout: UI_TIMEOUT }).toBe(1);
      const versions = (await t.db.query(`SELECT version FROM scoring_scheme ORDER BY created_at`)) as { version: string }[];
      expect(versions.map((v) => v.version)).toContain('2026.浏览器');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
