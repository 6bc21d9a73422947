/**
 * The on-site quiz on a phone (real Chromium, the real API and PostgreSQL, the tiny demo on the
 * visit morning): a cadre's answers survive a reload mid-quiz; a 填数字 answer in words is flagged
 * at once and counted as not answered; after one cadre submits, the phone shows only the score —
 * no 正确答案, no 解析, neither on screen nor in what the API sends — while other cadres of the
 * village (whose questions overlap) have not answered; the full review appears once all have. The
 * day's list says how many cadres are still untested.
 *
 * Screenshots: test-results/screenshots/quiz-*.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MyDayDto } from '@lookback/contracts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../apps/api/src/auth/demo-accounts.service.js';
import type { FieldPacketDto } from '../../apps/api/src/fieldwork/fieldwork.service.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WEB_DIST } from '../support/browser.js';
import { openDayOf, VisitMorningClock } from '../support/visit-day.js';

const UI_TIMEOUT = 15_000;

type Taker = FieldPacketDto['villages'][number]['quiz'][number];

let t: TestApp;
let browser: Browser;
let page: Page;
let day: MyDayDto;
let takers: Taker[];
/** The first cadre: has a 填数字 question when the village's sets have one. */
let first: Taker;
const problems: string[] = [];
/** Every quiz response body the API sent to the phone. */
const quizResponses: string[] = [];

beforeAll(async () => {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: build the web app first (npx vite build apps/web --logLevel warn)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST }, new VisitMorningClock());
  expect(await loadDemoDay(t)).toBe(true);
  const { day: open, packet } = await openDayOf(t);
  day = open;
  const village = packet.villages.find((v) => v.quiz.length >= 2)!;
  takers = village.quiz;
  first = takers.find((q) => q.questions.some((x) => x.type === 'numeric')) ?? takers[0];
  takers = [first, ...takers.filter((q) => q !== first)];

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !/\/api\/auth\/me\b/.test(response.url())) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    if (/\/quiz\//.test(response.url()) || /\/packet$/.test(response.url())) {
      void response.text().then(
        (body) => quizResponses.push(`${response.request().method()} ${response.url()} ${body}`),
        () => undefined,
      );
    }
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const shot = (name: string) => page.screenshot({ path: resolve(SCREENSHOTS, `quiz-${name}.png`), fullPage: true });
const fieldUrl = (suffix = '') => `#/field/${day.planId}/${day.visitDate}${suffix}`;
const go = (hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
const takerRow = (cadreNo: string) => page.locator(`[data-testid="quiz-taker"][data-cadre="${cadreNo}"]`);

/** Answers question i of the open quiz: the first option, 对, or a number. */
async function answer(i: number, numeric = '10'): Promise<void> {
  const q = page.getByTestId('quiz-question').nth(i);
  if ((await q.getAttribute('data-type')) === 'numeric') await q.getByTestId('quiz-numeric').fill(numeric);
  else await q.locator('button[data-option]').first().click();
}

/** What question i of the open quiz shows as answered ('' when nothing). */
async function shown(i: number): Promise<string> {
  const q = page.getByTestId('quiz-question').nth(i);
  if ((await q.getAttribute('data-type')) === 'numeric') return q.getByTestId('quiz-numeric').inputValue();
  return (await q.locator('button[aria-pressed="true"]').allInnerTexts()).join('|');
}

async function submitAll(taker: Taker): Promise<void> {
  await go(fieldUrl(`/quiz/${taker.cadreNo}`));
  await page.getByTestId('quiz-begin').click();
  for (let i = 0; i < taker.questions.length; i++) await answer(i);
  await page.getByTestId('quiz-submit').click();
  await page.getByTestId('quiz-confirm').click();
  await page.getByTestId('quiz-result').waitFor();
}

describe('the quiz keeps answers and never shows a cadre the answers early', () => {
  it('signs in and downloads the packet; the day says every cadre is still untested', async () => {
    expect(takers.length).toBeGreaterThanOrEqual(2);
    await page.goto(`${t.baseUrl}/#/`);
    await page.getByTestId('login-username').fill('inspector1');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('page-my-days').waitFor();
    await page.getByTestId('my-day-row').first().locator('a').click();
    await page.getByTestId('page-my-day').waitFor();
    await page.getByTestId('download-packet').click();
    await page.getByTestId('packet-state').filter({ hasText: '已下载今日工作包' }).waitFor();
    await page.getByTestId('open-field').click();
    await page.getByTestId('field-village').first().waitFor();
    const list = page.getByTestId('quiz-takers').filter({ has: takerRow(first.cadreNo) });
    expect(await list.getByTestId('quiz-untested').innerText()).toContain(`还有 ${takers.length} 位干部未测试`);
    expect(await list.locator('h3').innerText()).toContain(`已测 0/${takers.length}`);
  });

  it('keeps the answers given on the phone through a reload mid-quiz', async () => {
    await go(fieldUrl(`/quiz/${first.cadreNo}`));
    await page.getByTestId('quiz-begin').click();
    const half = Math.min(5, first.questions.length - 1);
    for (let i = 0; i < half; i++) await answer(i, '350');
    const before = await Promise.all(Array.from({ length: half }, (_, i) => shown(i)));
    expect(before.every((s) => s !== '')).toBe(true);
    await page.reload();
    await page.getByTestId('quiz-question').first().waitFor();
    expect(await page.getByTestId('quiz-begin').count()).toBe(0);
    expect(await Promise.all(Array.from({ length: first.questions.length }, (_, i) => shown(i)))).toEqual([...before, ...Array(first.questions.length - half).fill('')]);
    expect(await page.getByTestId('quiz-submit').innerText()).toContain(`已答 ${half}/${first.questions.length}`);
  });

  it('says at once that a number in words is no number, and counts it as not answered', async () => {
    const n = first.questions.findIndex((q) => q.type === 'numeric');
    expect(n, 'the demo village has a 填数字 question').toBeGreaterThanOrEqual(0);
    for (let i = 0; i < first.questions.length; i++) if (!(await shown(i))) await answer(i, '350');
    const numeric = page.getByTestId('quiz-question').nth(n);
    await numeric.getByTestId('quiz-numeric').fill('三百五十');
    expect(await numeric.getByTestId('quiz-numeric-problem').innerText()).toBe('“三百五十”不是数字，请填写阿拉伯数字，例如 350');
    expect(await page.getByTestId('quiz-submit').innerText()).toContain(`已答 ${first.questions.length - 1}/`);
    await page.getByTestId('quiz-submit').click();
    expect(await page.getByTestId('quiz-confirm-text').innerText()).toContain('还有 1 题未答');
    expect(await page.getByTestId('quiz-invalid').innerText()).toContain(`第 ${n + 1} 题填的不是数字`);
    await shot('1-not-a-number');
    await page.getByText('再检查一下').click();
    await numeric.getByTestId('quiz-numeric').fill('350');
    expect(await numeric.getByTestId('quiz-numeric-problem').count()).toBe(0);
  });

  it('after the first cadre submits, shows only the score while the village has cadres still to answer', async () => {
    for (let i = 0; i < first.questions.length; i++) if (!(await shown(i))) await answer(i, '350');
    await page.getByTestId('quiz-submit').click();
    expect(await page.getByTestId('quiz-confirm-text').innerText()).toContain('全部题目已作答');
    await page.getByTestId('quiz-confirm').click();
    await page.getByTestId('quiz-result').waitFor();
    expect(await page.getByTestId('quiz-score').innerText()).toMatch(/得分 [\d.]+ \/ \d+/);
    const text = await page.getByTestId('quiz-screen').innerText();
    expect(text).not.toContain('正确答案');
    expect(text).not.toContain('解析');
    expect(await page.getByTestId('quiz-result').getAttribute('data-review')).toBe('withheld');
    await shot('2-score-only');
    // One tap away on the day's list: the same.
    await go(fieldUrl());
    await takerRow(first.cadreNo).and(page.locator('[data-state="graded"]')).locator('a').click();
    await page.getByTestId('quiz-result').waitFor();
    expect(await page.getByTestId('quiz-screen').innerText()).not.toMatch(/正确答案|解析/);
    // Reloaded: the draft is gone with the submission, the result stays score-only.
    await page.reload();
    await page.getByTestId('quiz-result').waitFor();
    expect(await page.getByTestId('quiz-screen').innerText()).not.toMatch(/正确答案|解析/);
    const drafts = await page.evaluate<string[]>(`Object.keys(localStorage).filter((k) => k.startsWith('lookback-quiz-draft/'))`);
    expect(drafts).toEqual([]);
    // Neither did the API hand the phone the answers: not in any response, not in IndexedDB.
    for (const body of quizResponses) expect(body).not.toMatch(/"expected"|"explanation"/);
    const held = await page.evaluate<string>(`(async () => {
      const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('lookback-field-'));
      const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      const all = await new Promise((res, rej) => { const r = db.transaction('quizzes').objectStore('quizzes').getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      db.close();
      return JSON.stringify(all);
    })()`);
    expect(held).toContain(first.cadreNo);
    expect(held).not.toMatch(/"expected"|"explanation"/);
  });

  it('once every cadre of the village has answered, the full review with 正确答案 and 解析 is shown', async () => {
    for (const taker of takers.slice(1)) {
      await submitAll(taker);
      if (taker !== takers.at(-1)) expect(await page.getByTestId('quiz-screen').innerText()).not.toMatch(/正确答案|解析/);
    }
    expect(await page.getByTestId('quiz-result').getAttribute('data-review')).toBe('shown');
    await go(fieldUrl(`/quiz/${first.cadreNo}`));
    await page.getByTestId('quiz-result').and(page.locator('[data-review="shown"]')).waitFor();
    const text = await page.getByTestId('quiz-screen').innerText();
    expect(text).toContain('正确答案');
    expect(text).toContain('解析');
    await shot('3-full-review');
    await go(fieldUrl());
    const list = page.getByTestId('quiz-takers').filter({ has: takerRow(first.cadreNo) });
    expect(await list.locator('h3').innerText()).toContain(`已测 ${takers.length}/${takers.length}`);
    expect(await list.getByTestId('quiz-untested').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
