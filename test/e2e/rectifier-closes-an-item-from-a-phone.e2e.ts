/**
 * 整改台账 in a real Chromium against the real API and PostgreSQL: the planner has generated and
 * issued the demo round's ledger; the town's 责任单位 signs in on a phone, lands on its items (and
 * nothing of another town), sees the unread notices on the bell, opens one, starts, photographs the
 * result, writes 整改情况 and submits it; the planner, on a desktop, closes it (销号).
 * Requests that are not for 127.0.0.1 are aborted. Screenshots: test-results/screenshots/ledger-*.png
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LedgerListDto } from '@lookback/contracts';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../apps/api/src/auth/demo-accounts.service.js';
import { DemoRoundService } from '../../apps/api/src/demo/demo-round.service.js';
import { login } from '../support/accounts.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WEB_DIST } from '../support/browser.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' };
/** A tiny valid PNG (1×1, red). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let browser: Browser;
let myTown: string;
let planner: string;
let roundId: string;
const problems: string[] = [];

async function open(options: BrowserContextOptions, username: string): Promise<Page> {
  const context = await browser.newContext(options);
  await context.route('**/*', async (route) => {
    if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
    await route.abort('internetdisconnected').catch(() => undefined);
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !/\/api\/auth\/me\b/.test(response.url())) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  await page.goto(`${t.baseUrl}/#/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('page-login').waitFor({ state: 'detached' });
  return page;
}

beforeAll(async () => {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: build the web app first`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST });
  await loadDemoDay(t);
  roundId = (await t.app.get(DemoRoundService).ensure())!;
  // The demo may already have worked the round's ledger (its history): start from its findings alone.
  await t.db.query(`TRUNCATE ledger_item, notification CASCADE`);
  [{ myTown }] = await t.db.query(`SELECT scope_towns[1] AS "myTown" FROM app_user WHERE username = 'rectifier'`);
  planner = await login(t.baseUrl, 'planner', DEMO_PASSWORD);
  for (const step of ['generate', 'issue']) {
    const response = await fetch(`${t.baseUrl}/api/plans/${roundId}/ledger/${step}`, { method: 'POST', headers: { authorization: `Bearer ${planner}`, 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(200);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the rectifier on a phone', () => {
  let itemId: string;

  it('lands on its own items, with the unread notices on the bell, and works one through to 提交核验', async () => {
    const page = await open(PHONE, 'rectifier');
    await page.getByTestId('page-ledger').waitFor();
    const cards = page.getByTestId('ledger-card');
    await cards.first().waitFor();
    const all = (await (await fetch(`${t.baseUrl}/api/ledger/items`, { headers: { authorization: `Bearer ${planner}` } })).json()) as LedgerListDto;
    const mine = all.items.filter((i) => i.townCode === myTown);
    expect(mine.length).toBeGreaterThan(0);
    expect(await cards.count()).toBe(mine.length);
    // One 新的整改任务 notice per issued item of the town, all unread.
    expect(Number(await page.getByTestId('notification-count').textContent())).toBe(mine.length);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'ledger-1-rectifier-list.png'), fullPage: true });

    await cards.first().locator('a').click();
    await page.getByTestId('page-ledger-item').waitFor();
    itemId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    expect(mine.map((i) => i.id)).toContain(itemId);
    await page.getByTestId('ledger-start').click();
    await expect.poll(() => page.getByTestId('ledger-status').first().textContent()).toBe('整改中');
    // A wrong file is taken back before submitting: 删除, confirmed, and written into the history.
    await page.getByTestId('ledger-upload').setInputFiles({ name: '传错的文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 别的事项的材料') });
    await expect.poll(() => page.getByTestId('ledger-evidence').textContent()).toContain('传错的文件.pdf');
    await page.getByTestId('ledger-evidence-remove').click();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('传错的文件.pdf');
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('ledger-evidence').count()).toBe(0);
    await expect.poll(() => page.getByTestId('ledger-history').textContent()).toContain('删除 传错的文件.pdf');
    await page.getByTestId('ledger-upload').setInputFiles({ name: '整改后.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('ledger-evidence').locator('img').waitFor();
    await page.getByTestId('ledger-note').fill('已入户核实并为该户补办相关手续，取得回执');
    await page.getByTestId('ledger-submit').click();
    await expect.poll(() => page.getByTestId('ledger-status').first().textContent()).toBe('已整改待核验');
    await expect.poll(() => page.getByTestId('ledger-history').textContent()).toContain('整改中 → 已整改待核验');
    expect(await page.getByTestId('ledger-history').textContent()).toContain('已入户核实并为该户补办相关手续，取得回执');
    expect(await page.getByTestId('ledger-facts').textContent()).toContain('已入户核实并为该户补办相关手续，取得回执');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'ledger-2-rectifier-submitted.png'), fullPage: true });
    await page.context().close();
  });

  it('the planner closes it on a desktop (销号)', async () => {
    const page = await open(DESKTOP, 'planner');
    await page.goto(`${t.baseUrl}/#/ledger/${itemId}`);
    await page.getByTestId('ledger-close').click();
    await expect.poll(() => page.getByTestId('ledger-status').first().textContent()).toBe('已销号');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'ledger-3-planner-closed.png'), fullPage: true });
    await page.goto(`${t.baseUrl}/#/ledger?status=closed`);
    await expect.poll(() => page.getByTestId('ledger-card').count()).toBe(1);
    // The plan page: every finding is in the ledger; the bell lists the submission to verify.
    await page.goto(`${t.baseUrl}/#/plans/${roundId}`);
    await expect.poll(() => page.getByTestId('plan-ledger').textContent()).toMatch(/本方案共发现问题 (\d+) 个，已进入台账 \1 个/);
    await page.getByTestId('notification-bell').click();
    await expect.poll(() => page.getByTestId('notification-panel').textContent()).toContain('待核验');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'ledger-4-planner-plan-page.png'), fullPage: true });
    await page.context().close();
    expect(problems).toEqual([]);
  });
});
