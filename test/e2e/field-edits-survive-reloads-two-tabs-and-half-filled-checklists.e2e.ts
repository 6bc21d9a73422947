/**
 * Field edits on a phone that the outside tester lost, in a real Chromium (phone size, service
 * worker on) against the real API and PostgreSQL:
 *
 * 1. Text typed into 备注, a 问题描述 or a figure survives a reload or a closed tab that comes
 *    before the field loses focus.
 * 2. Two tabs on one stop keep ONE record with every answer: offline on a stop not yet begun, and
 *    online on a stop the server already holds (the other tab sees each change at once).
 * 3. A half-filled checklist (a finding without 问题描述) is not refused: the valid answers reach the
 *    server without the unfinished finding, its photo follows the record, nothing shows 被拒收, and
 *    the finding goes once described.
 *
 * Screenshots: test-results/screenshots/field-edits-*.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MyDayDto } from '@lookback/contracts';
import { FANGCHENG_HOUSEHOLD } from '@lookback/fieldwork';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../apps/api/src/auth/demo-accounts.service.js';
import type { FieldPacketDto } from '../../apps/api/src/fieldwork/fieldwork.service.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WEB_DIST } from '../support/browser.js';
import { openDayOf, VisitMorningClock } from '../support/visit-day.js';

const UI_TIMEOUT = 15_000;

interface PhoneRecord {
  clientId: string;
  revision: number;
  notes?: string;
  figures?: { incomePerCapita: number | null };
  answers: { itemId: string; value: string; problem?: { description: string } }[];
}
interface ServerRecord {
  client_id: string;
  revision: number;
  record: PhoneRecord;
}

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let day: MyDayDto;
let packet: FieldPacketDto;
const problems: string[] = [];
const ITEMS = FANGCHENG_HOUSEHOLD.items;

beforeAll(async () => {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: build the web app first (npx vite build apps/web --logLevel warn)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST }, new VisitMorningClock());
  expect(await loadDemoDay(t)).toBe(true);
  ({ day, packet } = await openDayOf(t));

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' });
  page = await newTab();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newTab(): Promise<Page> {
  const tab = await context.newPage();
  tab.setDefaultTimeout(UI_TIMEOUT);
  tab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  tab.on('response', (response) => {
    if (response.status() >= 400 && !/\/api\/auth\/me\b/.test(response.url())) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return tab;
}

const households = () =>
  packet.route.villages[0].items.filter((i) => i.kind === 'household').map((i) => i.code);
const stopUrl = (code: string) => `${t.baseUrl}/#/field/${day.planId}/${day.visitDate}/stop/household/${code}`;
const shot = (tab: Page, name: string) => tab.screenshot({ path: resolve(SCREENSHOTS, `field-edits-${name}.png`), fullPage: true });

/** Opens a stop in a tab (a fresh load, as after a reload or in a new tab). */
async function openStop(tab: Page, code: string): Promise<void> {
  await tab.goto(stopUrl(code));
  await tab.locator(`[data-testid="stop-editor"][data-code="${code}"]`).waitFor();
}

const item = (tab: Page, n: number) => tab.locator(`[data-testid="check-item"][data-item="${ITEMS[n].id}"]`);
/** The answer that is not a finding (and not 不适用). */
const answerFine = (tab: Page, n: number) => item(tab, n).locator('button[data-finding="false"]:not([data-value="na"])').click();
const answerFinding = (tab: Page, n: number) => item(tab, n).locator('button[data-finding="true"]').click();

/** The household's records on the phone, straight from IndexedDB. */
function phoneRecords(tab: Page, code: string): Promise<PhoneRecord[]> {
  return tab.evaluate(`(async () => {
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name).find((n) => n.startsWith('lookback-field-'));
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = await new Promise((res, rej) => {
      const r = db.transaction('records').objectStore('records').getAll();
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    db.close();
    return all.map((s) => s.record).filter((r) => r.stopKind === 'household' && r.stopCode === ${JSON.stringify(code)});
  })()`);
}

function serverRecords(code: string): Promise<ServerRecord[]> {
  return t.db.query(`SELECT client_id, revision, record FROM stop_record WHERE plan_id = $1 AND stop_code = $2`, [day.planId, code]);
}

const answeredItems = (r: PhoneRecord) => r.answers.map((a) => a.itemId).sort();
const itemIds = (...ns: number[]) => ns.map((n) => ITEMS[n].id).sort();

async function outboxEmptied(tab: Page, timeout = 30_000): Promise<void> {
  await expect.poll(async () => Number(await tab.getByTestId('outbox').getAttribute('data-pending')), { timeout, interval: 300 }).toBe(0);
}

describe('field edits are never lost', () => {
  it('signs in and downloads the packet', async () => {
    await page.goto(`${t.baseUrl}/#/`);
    await page.getByTestId('login-username').fill('inspector1');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('page-my-days').waitFor();
    await page.getByTestId('my-day-row').first().locator('a').click();
    await page.getByTestId('page-my-day').waitFor();
    await page.getByTestId('download-packet').click();
    await page.getByTestId('packet-state').filter({ hasText: '已下载今日工作包' }).waitFor();
    await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, { timeout: 30_000 });
  });

  it('1. text typed and not yet left (no blur) survives a reload and a closed tab', async () => {
    await context.setOffline(true);
    const code = households()[0];
    await openStop(page, code);
    await answerFine(page, 0);
    // 备注, then at once a reload: the field never lost focus.
    await page.getByTestId('stop-notes').fill('户主外出务工，妻子在家');
    await page.reload();
    await page.locator(`[data-testid="stop-editor"][data-code="${code}"]`).waitFor();
    expect(await page.getByTestId('stop-notes').inputValue()).toBe('户主外出务工，妻子在家');

    // 问题描述, typed key by key; a moment later (while still in the field) the page reloads.
    await answerFinding(page, 1);
    await item(page, 1).getByTestId('problem-description').pressSequentially('厨房漏雨', { delay: 30 });
    await page.waitForTimeout(700);
    await page.reload();
    await page.locator(`[data-testid="stop-editor"][data-code="${code}"]`).waitFor();
    expect(await item(page, 1).getByTestId('problem-description').inputValue()).toBe('厨房漏雨');

    // A figure, then the tab is closed.
    await page.locator('[data-testid="figure"][data-key="incomePerCapita"] input').fill('8500');
    await page.close({ runBeforeUnload: true });
    page = await newTab();
    await openStop(page, code);
    expect(await page.locator('[data-testid="figure"][data-key="incomePerCapita"] input').inputValue()).toBe('8500');

    const [record, ...others] = await phoneRecords(page, code);
    expect(others).toEqual([]);
    expect(record.notes).toBe('户主外出务工，妻子在家');
    expect(record.answers.find((a) => a.itemId === ITEMS[1].id)?.problem?.description).toBe('厨房漏雨');
    expect(record.figures?.incomePerCapita).toBe(8500);
    // Still unfinished (no 严重程度): kept, and not complete.
    expect(await page.getByTestId('record-problems').innerText()).toContain('严重程度');
    await shot(page, '1-typed-text-kept');
  }, 90_000);

  it('2a. offline, two tabs on a stop not yet begun keep one record with every answer', async () => {
    const code = households()[1];
    const a = page;
    const b = await newTab();
    await openStop(a, code);
    await openStop(b, code);
    await answerFine(a, 0);
    await answerFine(b, 1);
    await answerFine(a, 2);
    await b.getByTestId('stop-notes').fill('两个标签页同时填写');
    await b.getByTestId('stop-notes').blur();
    // Each tab shows what the other did, without a reload.
    await item(a, 1).and(a.locator('[data-answer="yes"], [data-answer="no"]')).waitFor();
    await expect.poll(() => a.getByTestId('stop-notes').inputValue()).toBe('两个标签页同时填写');
    await item(b, 2).and(b.locator('[data-answer="yes"], [data-answer="no"]')).waitFor();

    const records = await phoneRecords(a, code);
    expect(records).toHaveLength(1);
    expect(answeredItems(records[0])).toEqual(itemIds(0, 1, 2));
    expect(records[0].notes).toBe('两个标签页同时填写');
    await a.reload();
    await a.locator(`[data-testid="stop-editor"][data-code="${code}"]`).waitFor();
    for (const n of [0, 1, 2]) expect(await item(a, n).getAttribute('data-answer')).not.toBe('');
    expect(await a.getByTestId('stop-notes').inputValue()).toBe('两个标签页同时填写');
    await b.close();

    await context.setOffline(false);
    await outboxEmptied(a, 60_000);
    const stored = await serverRecords(code);
    expect(stored).toHaveLength(1);
    expect(stored[0].client_id).toBe(records[0].clientId);
    expect(answeredItems(stored[0].record)).toEqual(itemIds(0, 1, 2));
    expect(stored[0].record.notes).toBe('两个标签页同时填写');
  }, 120_000);

  it('2b. online, two tabs on a stop the server holds: both answers reach the phone and the server, no conflict', async () => {
    const code = households()[2];
    const a = page;
    await openStop(a, code);
    await answerFine(a, 0);
    await expect.poll(async () => (await serverRecords(code)).length, { timeout: 30_000 }).toBe(1);
    const b = await newTab();
    await openStop(b, code);
    expect(await item(b, 0).getAttribute('data-answer')).not.toBe('');
    await answerFine(a, 1);
    await answerFine(b, 2);
    await item(b, 1).and(b.locator('[data-answer="yes"], [data-answer="no"]')).waitFor();
    await item(a, 2).and(a.locator('[data-answer="yes"], [data-answer="no"]')).waitFor();
    await expect.poll(async () => (await serverRecords(code)).map((r) => answeredItems(r.record)), { timeout: 30_000 }).toEqual([itemIds(0, 1, 2)]);
    await outboxEmptied(a);
    await outboxEmptied(b);

    const phone = await phoneRecords(a, code);
    expect(phone).toHaveLength(1);
    expect(answeredItems(phone[0])).toEqual(itemIds(0, 1, 2));
    const stored = await serverRecords(code);
    expect(stored).toHaveLength(1);
    expect(answeredItems(stored[0].record)).toEqual(itemIds(0, 1, 2));
    expect(stored[0].revision).toBe(phone[0].revision);
    const conflicts: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM record_conflict WHERE client_id = $1`, [phone[0].clientId]);
    expect(conflicts[0].n).toBe(0);
    expect(await a.getByTestId('record-conflicts').count()).toBe(0);
    await shot(b, '2-two-tabs');
    await b.close();
  }, 90_000);

  it('3. a half-filled checklist goes without its unfinished finding, its photo follows, nothing is refused', async () => {
    const code = households()[3];
    await context.setOffline(true);
    await openStop(page, code);
    await answerFine(page, 0);
    await answerFinding(page, 1);
    await answerFine(page, 2);
    const jpeg = await page.evaluate<string>(`(async () => {
      const canvas = new OffscreenCanvas(320, 240);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = 'hsl(200 70% 50%)';
      ctx.fillRect(0, 0, 320, 240);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    })()`);
    await page.getByTestId('photo-input').setInputFiles({ name: 'half.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg, 'base64') });
    await page.getByTestId('photo-thumb').first().waitFor();
    const problemsShown = await page.getByTestId('record-problems').innerText();
    expect(problemsShown).toContain('问题描述不能为空');
    expect(problemsShown).not.toContain('尚未保存到待上传');

    await context.setOffline(false);
    await outboxEmptied(page, 60_000);
    expect(await page.getByTestId('outbox').innerText()).not.toContain('被拒收');
    const [phone] = await phoneRecords(page, code);
    let [stored] = await serverRecords(code);
    expect(stored.client_id).toBe(phone.clientId);
    // Items 1 and 3 arrived; the finding without a description stays on the phone for now.
    expect(answeredItems(stored.record)).toEqual(itemIds(0, 2));
    const photos: { stop_client_id: string }[] = await t.db.query(`SELECT stop_client_id FROM photo WHERE plan_id = $1 AND stop_client_id = $2`, [day.planId, phone.clientId]);
    expect(photos).toHaveLength(1);
    await shot(page, '3-half-filled');

    // Described and graded: the finding follows.
    await item(page, 1).getByTestId('problem-description').fill('院墙倒塌未修复');
    await item(page, 1).getByTestId('severity').first().click();
    await expect.poll(async () => answeredItems((await serverRecords(code))[0].record), { timeout: 30_000 }).toEqual(itemIds(0, 1, 2));
    [stored] = await serverRecords(code);
    expect(stored.record.answers.find((a) => a.itemId === ITEMS[1].id)?.problem?.description).toBe('院墙倒塌未修复');
    await outboxEmptied(page);
    // Every household touched in this file is on the server once (the first with its finding still unfinished, left out).
    const all: { stop_code: string }[] = await t.db.query(`SELECT stop_code FROM stop_record WHERE plan_id = $1`, [day.planId]);
    expect(all.map((r) => r.stop_code).sort()).toEqual(households().slice(0, 4).sort());
    expect(await page.getByTestId('outbox').getAttribute('data-failed')).toBe('0');
    expect(problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  }, 120_000);
});
