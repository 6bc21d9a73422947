/**
 * The leader's round trip in a real Chromium against the real API, on the demo's data (the completed
 * first round, its ledger and weekly rankings): signing in through the form lands on the dashboard;
 * 排队 lists the villages; one village drills down to its score's breakdown; the completed plan's
 * 督查报告 opens from 督查方案, read-only for a leader; the .docx downloads (its bytes are a Word
 * document with the report's headings) and the page prints to an A4 PDF. No network beyond
 * 127.0.0.1. Screenshots: test-results/screenshots/leader-*.png.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DemoAccountsService } from '../../apps/api/src/auth/demo-accounts.service.js';
import { SESSION_COOKIE } from '../../apps/api/src/auth/request-user.js';
import { DemoLoaderService } from '../../apps/api/src/demo/demo-loader.service.js';
import { DEMO_ROUND_NAME, DemoRoundService } from '../../apps/api/src/demo/demo-round.service.js';
import { RankingsService } from '../../apps/api/src/rankings/rankings.service.js';
import { login } from '../support/accounts.js';
import { resetMasterData, startTestApp, type TestApp } from '../support/app.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WEB_DIST } from '../support/browser.js';

const UI_TIMEOUT = 20_000;

let t: TestApp;
let browser: Browser;
let roundId: string;

beforeAll(async () => {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: build the web app first`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST });
  await resetMasterData(t.db);
  await t.db.query(`TRUNCATE plan, ranking_snapshot CASCADE`);
  await t.app.get(RankingsService).onModuleInit();
  await t.app.get(DemoLoaderService).loadIfEmpty('tiny');
  await t.app.get(DemoAccountsService).ensure();
  roundId = (await t.app.get(DemoRoundService).ensure())!;
  expect(await t.app.get(DemoRoundService).ensureHistory()).toBe(true);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the leader', () => {
  it('signs in, sees the dashboard, ranks, drills into a village, and reads, downloads and prints the report', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block', acceptDownloads: true });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('internetdisconnected')));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      // Sign in through the form: a leader lands on the dashboard.
      await page.goto(`${t.baseUrl}/`);
      await page.getByTestId('login-username').fill('leader');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/#\/dashboard$/, { timeout: UI_TIMEOUT });
      await page.getByTestId('page-dashboard').waitFor({ timeout: UI_TIMEOUT });
      await page.getByTestId('dashboard-stats').waitFor({ timeout: UI_TIMEOUT });
      await page.getByTestId('chart-trend').locator('canvas').first().waitFor({ timeout: UI_TIMEOUT });
      await page.screenshot({ path: resolve(SCREENSHOTS, 'leader-1-dashboard.png'), fullPage: true });

      // 排队: every village of the round, ranked.
      await page.getByTestId('nav-rankings').click();
      await page.getByTestId('page-rankings').waitFor({ timeout: UI_TIMEOUT });
      const rows = page.getByTestId('ranking-row');
      await rows.first().waitFor({ timeout: UI_TIMEOUT });
      const [{ n: villages }] = await t.db.query(`SELECT array_length(village_codes, 1) AS n FROM plan WHERE id = $1`, [roundId]);
      expect(await rows.count()).toBe(villages);
      await page.screenshot({ path: resolve(SCREENSHOTS, 'leader-2-rankings.png'), fullPage: true });

      // One village: the breakdown behind its score.
      const code = await rows.first().getAttribute('data-code');
      await rows.first().click();
      await page.getByTestId('page-ranking-village').waitFor({ timeout: UI_TIMEOUT });
      await page.getByTestId('breakdown-table').waitFor({ timeout: UI_TIMEOUT });
      expect(page.url()).toContain(`/rankings/villages/${code}`);
      expect(await page.getByTestId('breakdown-row').count()).toBeGreaterThanOrEqual(5);
      await expect.poll(() => page.getByTestId('breakdown-table').innerText()).toContain('入户调查');
      await page.screenshot({ path: resolve(SCREENSHOTS, 'leader-3-village.png'), fullPage: true });

      // 督查方案 → the completed round → 督查报告.
      await page.getByTestId('nav-plans').click();
      await page.getByTestId('plans-table').waitFor({ timeout: UI_TIMEOUT });
      await page.getByTestId('plan-row').filter({ hasText: DEMO_ROUND_NAME }).click();
      await page.getByTestId('plan-report-link').click();
      await page.getByTestId('report-document').waitFor({ timeout: UI_TIMEOUT });
      const text = await page.getByTestId('report-document').innerText();
      for (const heading of ['一、基本情况', '二、典型经验', '三、存在的主要问题及困难', '四、意见建议', '四不两直']) expect(text).toContain(heading);
      expect(await page.getByTestId('report-experience').count()).toBe(3);
      // A leader reads the 意见建议; only the planner edits them.
      expect(await page.getByTestId('report-suggestions-editor').count()).toBe(0);
      await page.getByTestId('report-suggestions').waitFor();
      await page.screenshot({ path: resolve(SCREENSHOTS, 'leader-4-report.png'), fullPage: true });

      // The .docx: a Word document (zip) whose body holds the report's headings.
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT }), page.getByTestId('report-download-docx').click()]);
      expect(download.suggestedFilename()).toMatch(/督查报告\.docx$/);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
      const zip = await JSZip.loadAsync(bytes);
      expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('wordprocessingml.document.main+xml');
      const xml = await zip.file('word/document.xml')!.async('string');
      for (const heading of ['一、基本情况', '二、典型经验', '三、存在的主要问题及困难', '四、意见建议']) expect(xml).toContain(heading);

      // Print → PDF: the toolbar stays off the paper, the page is A4 (595 × 842 pt).
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('report-download-docx').isVisible()).toBe(false);
      await page.screenshot({ path: resolve(SCREENSHOTS, 'leader-5-report-print.png'), fullPage: true });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, path: resolve(SCREENSHOTS, 'leader-report.pdf') });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const box = /\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      expect(box, 'the PDF names its page size').not.toBeNull();
      expect([Math.round(Number(box![1])), Math.round(Number(box![2]))]).toEqual([595, 842]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('re-runs the completed round’s draw in the browser: MATCH for the households, and says what it could not check', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('internetdisconnected')));
    await context.addCookies([{ name: SESSION_COOKIE, value: await login(t.baseUrl, 'leader', DEMO_PASSWORD), url: t.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    try {
      await page.goto(`${t.baseUrl}/#/plans/${roundId}`);
      await page.getByTestId('plan-verify').click();
      const result = page.getByTestId('verify-result');
      await result.waitFor({ timeout: 60_000 });
      expect(await result.getAttribute('data-outcome')).toBe('match');
      // The round drew projects, assets and interviewees, whose rosters the browser was not given.
      expect(await page.getByTestId('verify-unchecked').innerText()).toContain('抽查项目、抽查资产、访谈对象和知识测试对象需要相应的名单才能复核，这里未核验');
      await page.screenshot({ path: resolve(SCREENSHOTS, 'leader-7-verify-in-browser.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('reads the 意见建议 the planner edited on the report page', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('internetdisconnected')));
    await context.addCookies([{ name: SESSION_COOKIE, value: await login(t.baseUrl, 'planner', DEMO_PASSWORD), url: t.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    try {
      await page.goto(`${t.baseUrl}/#/plans/${roundId}/report`);
      const first = page.getByTestId('report-suggestion-text').first();
      await first.waitFor({ timeout: UI_TIMEOUT });
      await first.fill('对本轮发现的问题户逐户回访，十日内完成整改复核。');
      await page.getByTestId('report-suggestions-save').click();
      await page.getByRole('status').filter({ hasText: '意见建议已保存' }).waitFor({ timeout: UI_TIMEOUT });
      await page.screenshot({ path: resolve(SCREENSHOTS, 'leader-6-planner-edits-suggestions.png'), fullPage: true });
    } finally {
      await context.close();
    }
    const leader = await login(t.baseUrl, 'leader', DEMO_PASSWORD);
    const report = (await (await fetch(`${t.baseUrl}/api/plans/${roundId}/report`, { headers: { authorization: `Bearer ${leader}` } })).json()) as { suggestions: { text: string }[] };
    expect(report.suggestions[0].text).toBe('对本轮发现的问题户逐户回访，十日内完成整改复核。');
  }, 120_000);
});
