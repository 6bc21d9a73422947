/**
 * Field work offline, in a real Chromium with the service worker ON, against the real API and
 * PostgreSQL: inspector1 downloads the day's packet on the visit morning, the phone goes offline
 * (the browser's offline mode), 15 households are completed with a photo each, one household is
 * substituted by the next reserve, one cadre takes the quiz; the page is reloaded while still
 * offline (the service worker serves the app, IndexedDB still holds everything); back online, the
 * outbox empties by itself, and the database holds every record, photo, substitution and quiz
 * answer exactly once, under the phone's client ids.
 *
 * Screenshots: test-results/screenshots/field-*.png.
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
import { openDayOf, VISIT_DAY, VisitMorningClock } from '../support/visit-day.js';

const UI_TIMEOUT = 15_000;
/** Near the county seat: a few kilometres from the households, so the position is flagged "far" (and nothing is blocked). */
const PHONE_POSITION = { latitude: 33.25, longitude: 113.01, accuracy: 25 };
const HOUSEHOLDS = 15;


let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let day: MyDayDto;
let packet: FieldPacketDto;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: build the web app first (npx vite build apps/web --logLevel warn)`);
  if (!existsSync(resolve(WEB_DIST, 'sw.js'))) throw new Error(`${WEB_DIST}/sw.js is missing: the build did not write the service worker`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST }, new VisitMorningClock());
  expect(await loadDemoDay(t)).toBe(true);
  // What the phone will download; the test uses it only to know which stops to open.
  ({ day, packet } = await openDayOf(t));
  expect(day.visitDate).toBe(VISIT_DAY);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' });
  await context.grantPermissions(['geolocation'], { origin: t.baseUrl });
  await context.setGeolocation(PHONE_POSITION);
  page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !/\/api\/auth\/me\b/.test(response.url())) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const shot = (name: string) => page.screenshot({ path: resolve(SCREENSHOTS, `field-${name}.png`), fullPage: true });
const fieldUrl = (suffix = '') => `#/field/${day.planId}/${day.visitDate}${suffix}`;
// Browser-side code is passed as text: this file is compiled without the DOM library.
const go = (hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);

/** Small JPEGs drawn by the phone's own canvas (distinct pixels each); one larger than 2,000 px to prove the resize. */
async function jpeg(n: number, width = 320, height = 240): Promise<Buffer> {
  const base64 = await page.evaluate<string>(`(async () => {
    const canvas = new OffscreenCanvas(${width}, ${height});
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = 'hsl(${(n * 37) % 360} 70% 50%)';
    ctx.fillRect(0, 0, ${width}, ${height});
    ctx.fillStyle = '#fff';
    ctx.font = '${Math.round(height / 4)}px sans-serif';
    ctx.fillText('户 ${n}', ${width / 8}, ${height / 2});
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  })()`);
  return Buffer.from(base64, 'base64');
}

/** Every client id the phone holds, straight from IndexedDB. */
function phoneIds(): Promise<{ records: string[]; photos: string[]; substitutions: string[]; quizzes: string[]; outbox: number }> {
  return page.evaluate(`(async () => {
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name).find((n) => n.startsWith('lookback-field-'));
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const keys = (store) =>
      new Promise((res, rej) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => res(r.result.map((v) => v.clientId));
        r.onerror = () => rej(r.error);
      });
    const out = { records: await keys('records'), photos: await keys('photos'), substitutions: await keys('substitutions'), quizzes: await keys('quizzes'), outbox: (await keys('outbox')).length };
    db.close();
    return out;
  })()`);
}

/** Waits for 已全部上传; on timeout fails with what the outbox says is waiting and why. */
async function outboxEmptied(timeout: number): Promise<void> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if ((await outboxPending()) === 0) return;
    await page.waitForTimeout(500);
  }
  if (!(await page.getByTestId('outbox-details').count())) await page.getByTestId('outbox-summary').click();
  await shot('outbox-stuck');
  throw new Error(`the outbox did not empty: ${await page.getByTestId('outbox').innerText()}`);
}

async function outboxPending(): Promise<number> {
  return Number(await page.getByTestId('outbox').getAttribute('data-pending'));
}

describe('a day recorded offline arrives exactly once', () => {
  const village = () => packet.route.villages[0];
  const households = () => village().items.filter((i) => i.kind === 'household').map((i) => i.code);
  let absent: string;
  let replacement: string;
  let completed: string[];
  const quizTaker = () => packet.villages[0].quiz[0];

  it('signs in, downloads the packet and gets the app shell cached by the service worker', async () => {
    expect(households().length).toBeGreaterThanOrEqual(HOUSEHOLDS);
    expect(packet.villages[0].quiz.length).toBeGreaterThan(0);
    await page.goto(`${t.baseUrl}/#/`);
    await page.getByTestId('login-username').fill('inspector1');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('page-my-days').waitFor();
    await page.getByTestId('my-day-row').first().locator('a').click();
    await page.getByTestId('page-my-day').waitFor();
    expect(await page.getByTestId('packet-state').innerText()).toContain('尚未下载');
    await page.getByTestId('download-packet').click();
    await page.getByTestId('packet-state').filter({ hasText: '已下载今日工作包' }).waitFor();
    await shot('1-downloaded');
    // The worker has installed (precache complete) and controls the page.
    await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, { timeout: 30_000 });
    const manifest = await page.evaluate<string | null>(`document.querySelector('link[rel="manifest"]').getAttribute('href')`);
    expect(manifest).toBe('/manifest.webmanifest');
    const cached = await page.evaluate<string[]>(
      `(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat())()`,
    );
    expect(cached).toContain('/index.html');
    expect(cached.some((p) => /^\/assets\/index-.*\.js$/.test(p))).toBe(true);
    expect(cached.filter((p) => p.startsWith('/api'))).toEqual([]);
    await page.getByTestId('open-field').click();
    await page.getByTestId('field-village').first().waitFor();
  });

  it('offline: substitutes an absent household by the next reserve of its stratum, which joins the route', async () => {
    await context.setOffline(true);
    await page.getByTestId('network-state').filter({ hasText: '离线' }).waitFor();
    absent = households()[0];
    await go(fieldUrl(`/stop/household/${absent}`));
    await page.getByTestId('stop-editor').and(page.locator(`[data-code="${absent}"]`)).waitFor();
    await page.locator('[data-testid="absent-reason"][data-value="absent"]').click();
    replacement = (await page.getByTestId('next-reserve').getAttribute('data-household'))!;
    const draw = packet.villages[0].draw;
    const stratum = draw.sample.find((h) => h.householdNo === absent)!.stratum;
    expect(replacement).toBe(draw.strata.find((s) => s.stratum === stratum)!.reserve[0].householdNo);
    await page.getByTestId('confirm-substitution').click();
    await page.getByTestId('substitution-done').waitFor();
    await shot('2-substitution');
    await go(fieldUrl());
    const replacementRow = page.locator(`[data-testid="field-stop"][data-code="${replacement}"]`);
    await replacementRow.waitFor();
    expect(await replacementRow.innerText()).toContain('替补');
    expect(await page.locator(`[data-testid="field-stop"][data-code="${absent}"]`).getAttribute('data-state')).toBe('substituted');
  });

  it(`offline: completes ${HOUSEHOLDS} households with the checklist, a finding, figures, position and a photo each`, async () => {
    completed = [replacement, ...households().slice(1, HOUSEHOLDS)];
    expect(completed).toHaveLength(HOUSEHOLDS);
    for (const [n, code] of completed.entries()) {
      await go(fieldUrl(`/stop/household/${code}`));
      const editor = page.locator(`[data-testid="stop-editor"][data-code="${code}"]`);
      await editor.waitFor();
      const items = page.getByTestId('check-item');
      expect(await items.count()).toBe(FANGCHENG_HOUSEHOLD.items.length);
      for (let i = 0; i < FANGCHENG_HOUSEHOLD.items.length; i++) {
        const item = items.nth(i);
        if (n === 0 && i === 1) {
          // A finding: the problem answer, then description, type (suggested) and severity.
          await item.locator('button[data-finding="true"]').click();
          await item.getByTestId('problem-description').fill('房屋东墙开裂，未纳入危房改造');
          await item.getByTestId('severity').filter({ hasText: '较重' }).click();
        } else {
          await item.locator('button[data-finding="false"]:not([data-value="na"])').click();
        }
      }
      if (n === 0) {
        const income = page.locator('[data-testid="figure"][data-key="incomePerCapita"] input');
        await income.fill('9800');
        await page.locator('[data-testid="figure"][data-key="allInsured"] button[data-value="true"]').click();
        await page.getByTestId('record-position').click();
        await page.getByTestId('position-value').waitFor();
        // Far from the household's roster coordinates: flagged, not blocked.
        expect(await page.getByTestId('position-flags').getAttribute('data-flags')).toContain('far');
      }
      if (n === 0) {
        // A wrong shot, deleted on the phone before it was uploaded: it never reaches the server.
        await page.getByTestId('photo-input').setInputFiles({ name: 'wrong.jpg', mimeType: 'image/jpeg', buffer: await jpeg(99) });
        await page.getByTestId('photo-thumb').first().waitFor();
        page.once('dialog', (dialog) => void dialog.accept());
        await page.getByTestId('photo-delete').first().click();
        await expect.poll(() => page.getByTestId('photo-thumb').count()).toBe(0);
      }
      await page.getByTestId('photo-input').setInputFiles({ name: `hh-${n}.jpg`, mimeType: 'image/jpeg', buffer: n === 0 ? await jpeg(n, 2600, 1400) : await jpeg(n) });
      await page.getByTestId('photo-thumb').first().waitFor();
      await page.getByTestId('mark-complete').click();
      await page.getByTestId('stop-notice').filter({ hasText: '本站已标记完成' }).waitFor();
      if (n === 0) await shot('3-household');
    }
    await go(fieldUrl());
    await page.getByTestId('field-village').first().waitFor();
    for (const code of completed) expect(await page.locator(`[data-testid="field-stop"][data-code="${code}"]`).getAttribute('data-state')).toBe('complete');
    await shot('4-day-offline');
  }, 240_000);

  it('offline: a cadre answers the quiz full screen; it is queued, locked, and cannot be answered again', async () => {
    const taker = quizTaker();
    await go(fieldUrl(`/quiz/${taker.cadreNo}`));
    await page.getByTestId('quiz-begin').click();
    const questions = page.getByTestId('quiz-question');
    expect(await questions.count()).toBe(taker.questions.length);
    for (let i = 0; i < taker.questions.length; i++) {
      const q = questions.nth(i);
      const type = await q.getAttribute('data-type');
      if (type === 'numeric') await q.getByTestId('quiz-numeric').fill('10');
      else await q.locator('button[data-option]').first().click();
    }
    await shot('5-quiz');
    await page.getByTestId('quiz-submit').click();
    await page.getByTestId('quiz-confirm').click();
    await page.getByTestId('quiz-queued').filter({ hasText: '已提交，联网后评分' }).waitFor();
    await shot('6-quiz-queued');
    // Back to the quiz: the locked answer sheet, never the questions.
    await go(fieldUrl());
    await go(fieldUrl(`/quiz/${taker.cadreNo}`));
    await page.getByTestId('quiz-queued').waitFor();
    expect(await page.getByTestId('quiz-begin').count()).toBe(0);
  });

  it('reloads while still offline: the service worker serves the app and nothing recorded is lost', async () => {
    await go(fieldUrl());
    await page.getByTestId('outbox').waitFor();
    const before = await outboxPending();
    // 15 households + the absent one's record, the substitution, 15 photos, the quiz.
    expect(before).toBe(HOUSEHOLDS + 1 + 1 + HOUSEHOLDS + 1);
    const idsBefore = await phoneIds();
    await page.reload();
    await page.getByTestId('field-village').first().waitFor();
    expect(await page.getByTestId('network-state').innerText()).toBe('离线');
    expect(await outboxPending()).toBe(before);
    expect(await phoneIds()).toEqual(idsBefore);
    for (const code of completed) expect(await page.locator(`[data-testid="field-stop"][data-code="${code}"]`).getAttribute('data-state')).toBe('complete');
    expect(await page.locator(`[data-testid="quiz-taker"][data-cadre="${quizTaker().cadreNo}"]`).getAttribute('data-state')).toBe('queued');
    // The day's map is drawn from the packet alone (offline base grid): start, villages, every located stop.
    await page.getByTestId('field-map').locator('.leaflet-marker-pane .stop-marker').first().waitFor();
    expect(await page.getByTestId('field-map').locator('.leaflet-marker-pane .stop-marker').count()).toBeGreaterThan(HOUSEHOLDS);
    await page.getByTestId('outbox-summary').click();
    await page.getByTestId('outbox-details').waitFor();
    await shot('7-reloaded-offline');
    // Nothing reached the server while offline.
    expect(Number((await t.db.query(`SELECT count(*)::int AS n FROM stop_record`))[0].n)).toBe(0);
  });

  it('back online: the outbox empties by itself and the server holds everything exactly once', async () => {
    await context.setOffline(false);
    await outboxEmptied(90_000);
    expect(await page.getByTestId('outbox-summary').innerText()).toBe('已全部上传');
    await shot('8-uploaded');
    const phone = await phoneIds();
    expect(phone.outbox).toBe(0);

    const records: { client_id: string; stop_code: string; status: string }[] = await t.db.query(`SELECT client_id, stop_code, status FROM stop_record WHERE plan_id = $1`, [day.planId]);
    expect(records.map((r) => r.client_id).sort()).toEqual([...phone.records].sort());
    expect(new Set(records.map((r) => r.client_id)).size).toBe(records.length);
    expect(records.filter((r) => r.status === 'complete').map((r) => r.stop_code).sort()).toEqual([...completed].sort());
    expect(records.find((r) => r.stop_code === absent)?.status).toBe('absent');

    const photos: { client_id: string; stop_client_id: string; meta: { width: number; height: number } }[] = await t.db.query(`SELECT client_id, stop_client_id, meta FROM photo WHERE plan_id = $1`, [day.planId]);
    expect(photos.map((p) => p.client_id).sort()).toEqual([...phone.photos].sort());
    expect(photos).toHaveLength(HOUSEHOLDS);
    const completeIds = new Set(records.filter((r) => r.status === 'complete').map((r) => r.client_id));
    expect(new Set(photos.map((p) => p.stop_client_id))).toEqual(completeIds);
    // The 2600×1400 picture arrived resized to 2000 px on its longest side.
    expect(Math.max(...photos.map((p) => Math.max(p.meta.width, p.meta.height)))).toBe(2000);

    const subs: { client_id: string; absent_household_no: string; replacement_household_no: string }[] = await t.db.query(`SELECT client_id, absent_household_no, replacement_household_no FROM substitution WHERE plan_id = $1`, [day.planId]);
    expect(subs.map((s) => s.client_id)).toEqual(phone.substitutions);
    expect(subs[0]).toMatchObject({ absent_household_no: absent, replacement_household_no: replacement });

    const quizzes: { client_id: string; cadre_no: string }[] = await t.db.query(`SELECT client_id, cadre_no FROM quiz_result WHERE plan_id = $1`, [day.planId]);
    expect(quizzes).toHaveLength(1);
    expect(quizzes[0].cadre_no).toBe(quizTaker().cadreNo);

    const finding = (await t.db.query(`SELECT record FROM stop_record WHERE stop_code = $1 AND plan_id = $2`, [replacement, day.planId]))[0].record as { answers: { problem?: { description: string; severity: string } }[]; figures?: { incomePerCapita: number } };
    expect(finding.answers.filter((a) => a.problem).map((a) => a.problem)).toEqual([{ description: '房屋东墙开裂，未纳入危房改造', problemType: FANGCHENG_HOUSEHOLD.items[1].defaultProblemType, severity: '较重' }]);
    expect(finding.figures?.incomePerCapita).toBe(9800);
  }, 120_000);

  it('shows the graded quiz once the server has graded it, and a reload online sends nothing twice', async () => {
    const taker = quizTaker();
    await page.locator(`[data-testid="quiz-taker"][data-cadre="${taker.cadreNo}"][data-state="graded"]`).waitFor();
    await go(fieldUrl(`/quiz/${taker.cadreNo}`));
    await page.getByTestId('quiz-result').waitFor();
    expect(await page.getByTestId('quiz-score').innerText()).toMatch(/得分 [\d.]+ \/ \d+/);
    await shot('9-quiz-graded');
    await page.reload();
    await page.getByTestId('quiz-result').waitFor();
    await go(fieldUrl());
    await outboxEmptied(15_000);
    const counts = await t.db.query(
      `SELECT (SELECT count(*)::int FROM stop_record WHERE plan_id = $1) AS records, (SELECT count(*)::int FROM photo WHERE plan_id = $1) AS photos,
              (SELECT count(*)::int FROM substitution WHERE plan_id = $1) AS subs, (SELECT count(*)::int FROM quiz_result WHERE plan_id = $1) AS quizzes`,
      [day.planId],
    );
    expect(counts[0]).toEqual({ records: HOUSEHOLDS + 1, photos: HOUSEHOLDS, subs: 1, quizzes: 1 });
    expect(problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  });

  it('the team leader signs the finished day off by typing the names; the day is then read-only until reopened with a reason', async () => {
    await go(fieldUrl());
    await page.getByTestId('field-village').first().waitFor();
    expect(await page.getByTestId('signoff-blocked').innerText()).toContain('未完成');
    // Finish every other stop of the day (projects, assets, interviews, the village checklist, documents, the rest of the households).
    for (;;) {
      const open = page.locator('[data-testid="field-stop"][data-state="todo"], [data-testid="field-stop"][data-state="in-progress"]');
      if ((await open.count()) === 0) break;
      const kind = (await open.first().getAttribute('data-kind'))!;
      const code = (await open.first().getAttribute('data-code'))!;
      await go(fieldUrl(`/stop/${kind}/${code}`));
      await page.locator(`[data-testid="stop-editor"][data-code="${code}"][data-kind="${kind}"]`).waitFor();
      const items = page.getByTestId('check-item');
      const n = await items.count();
      for (let i = 0; i < n; i++) await items.nth(i).locator('button[data-finding="false"]:not([data-value="na"])').click();
      await page.getByTestId('mark-complete').click();
      await page.getByTestId('stop-notice').filter({ hasText: '本站已标记完成' }).waitFor();
      await go(fieldUrl());
      await page.getByTestId('field-village').first().waitFor();
    }
    for (const v of await page.getByTestId('field-village').all()) expect(await v.getAttribute('data-done')).toBe('true');
    const names = page.getByTestId('signoff-name');
    const members = await names.count();
    expect(members).toBeGreaterThan(0);
    for (let i = 0; i < members; i++) await names.nth(i).fill(['张建国', '李卫东', '王秀兰', '赵志强'][i % 4]);
    await page.getByTestId('signoff-submit').click();
    await page.getByTestId('signed-banner').waitFor();
    await outboxEmptied(60_000);
    const signoffs: { names: string[]; reopened_at: Date | null }[] = await t.db.query(`SELECT names, reopened_at FROM day_signoff WHERE plan_id = $1`, [day.planId]);
    expect(signoffs).toHaveLength(1);
    expect(signoffs[0].names).toHaveLength(members);
    // Read-only: no answer can be changed, nothing can be completed.
    await go(fieldUrl(`/stop/household/${completed[1]}`));
    await page.getByTestId('stop-editor').waitFor();
    expect(await page.getByTestId('mark-complete').count()).toBe(0);
    expect(await page.getByTestId('check-item').first().locator('button').first().isDisabled()).toBe(true);
    await shot('10-signed-off');
    // Reopened with a reason (logged by the API): editable again.
    await go(fieldUrl());
    await page.getByTestId('reopen-reason').fill('补充一户的照片说明');
    await page.getByTestId('reopen').click();
    await page.getByTestId('signoff').and(page.locator('[data-signed="false"]')).waitFor();
    await outboxEmptied(30_000);
    expect((await t.db.query(`SELECT reopen_reason FROM day_signoff WHERE plan_id = $1`, [day.planId]))[0].reopen_reason).toBe('补充一户的照片说明');
    await go(fieldUrl(`/stop/household/${completed[1]}`));
    await page.getByTestId('stop-editor').waitFor();
    expect(await page.getByTestId('check-item').first().locator('button').first().isDisabled()).toBe(false);
    expect(problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  }, 300_000);

  it('the planner sees on the plan page the substitution (reason, replacement), the finished village and the reopened sign-off', async () => {
    const plannerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const desk = await plannerContext.newPage();
      desk.setDefaultTimeout(UI_TIMEOUT);
      const deskProblems: string[] = [];
      desk.on('pageerror', (error) => deskProblems.push(`pageerror: ${error.message}`));
      desk.on('response', (response) => {
        if (response.status() >= 400 && !/\/api\/auth\/me\b/.test(response.url())) deskProblems.push(`HTTP ${response.status()} ${response.url()}`);
      });
      await desk.goto(`${t.baseUrl}/#/`);
      await desk.getByTestId('login-username').fill('planner');
      await desk.getByTestId('login-password').fill(DEMO_PASSWORD);
      await desk.getByTestId('login-submit').click();
      await desk.getByTestId('page-login').waitFor({ state: 'detached' });
      await desk.evaluate(`window.location.hash = ${JSON.stringify(`#/plans/${day.planId}`)}`);
      const section = desk.getByTestId('plan-fieldwork');
      const sub = section.locator(`[data-testid="fieldwork-substitution"][data-absent="${absent}"]`);
      await sub.waitFor();
      expect(await sub.getAttribute('data-replacement')).toBe(replacement);
      const text = await sub.innerText();
      expect(text).toContain('不在家');
      expect(text).toContain(replacement);
      expect(text).toContain('记录人');
      const villageCode = packet.villages[0].villageCode;
      const village = section.locator(`[data-testid="fieldwork-village"][data-village="${villageCode}"]`);
      expect(await village.getAttribute('data-done')).toBe('true');
      expect(await village.innerText()).toMatch(/替补 1 .*剩余 0/);
      // The inspector's team-day (other teams work the same day, unsigned).
      const signoff = section.locator(`[data-testid="fieldwork-day"][data-date="${VISIT_DAY}"]`).filter({ has: desk.locator(`[data-village="${villageCode}"]`) }).getByTestId('fieldwork-signoff');
      expect(await signoff.getAttribute('data-state')).toBe('reopened');
      expect(await signoff.innerText()).toContain('补充一户的照片说明');
      expect(await section.getByTestId('fieldwork-empty').count()).toBe(0);
      // The phone stood kilometres from the households: flagged for the planner, not blocked.
      await section.locator('.fieldwork-flags summary').click();
      expect(await section.getByTestId('fieldwork-position-flag').first().innerText()).toContain('定位距农户坐标较远');
      await section.getByTestId('fieldwork-refresh').click();
      await sub.waitFor();
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: resolve(SCREENSHOTS, 'planner-fieldwork.png') });
      expect(deskProblems).toEqual([]);
    } finally {
      await plannerContext.close();
    }
  }, 60_000);
});
