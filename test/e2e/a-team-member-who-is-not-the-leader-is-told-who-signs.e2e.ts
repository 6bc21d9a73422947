/**
 * 责任组长签字: only the team's leader signs the day off. A second member of 第一督查组 opens the
 * same day on their own phone: the sign-off panel names the leader and offers no name fields, and
 * the API refuses a sign-off sent anyway, naming the leader.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MyDayDto } from '@lookback/contracts';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUser, login, TEST_PASSWORD } from '../support/accounts.js';
import { loadDemoDay, startTestApp, type TestApp } from '../support/app.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WEB_DIST } from '../support/browser.js';
import { VISIT_DAY, VisitMorningClock } from '../support/visit-day.js';

let t: TestApp;
let browser: Browser;
let day: MyDayDto;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await startTestApp({ LOOKBACK_WEB_DIST: WEB_DIST }, new VisitMorningClock());
  await loadDemoDay(t);
  await ensureUser(t.db, 'inspector-member', 'inspector');
  await t.db.query(`UPDATE app_user SET display_name = '孙组员' WHERE username = 'inspector-member'`);
  // A second member of the team inspector1 leads (the demo's teams have one member each).
  await t.db.query(
    `INSERT INTO team_member (team_id, user_id)
     SELECT m.team_id, (SELECT id FROM app_user WHERE username = 'inspector-member')
     FROM team_member m JOIN app_user u ON u.id = m.user_id JOIN team tm ON tm.id = m.team_id
     WHERE u.username = 'inspector1' AND tm.leader_id = u.id`,
  );
  const token = await login(t.baseUrl, 'inspector-member');
  const days = (await (await fetch(`${t.baseUrl}/api/my/days`, { headers: { authorization: `Bearer ${token}` } })).json()) as MyDayDto[];
  day = days.find((d) => d.visitDate === VISIT_DAY && d.open)!;
  expect(day).toBeDefined();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a team member who is not its leader', () => {
  it('is told on the phone that the leader signs the day off, with no name fields to fill', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${t.baseUrl}/#/`);
      await page.getByTestId('login-username').fill('inspector-member');
      await page.getByTestId('login-password').fill(TEST_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('page-my-days').waitFor();
      await page.getByTestId('my-day-row').filter({ hasText: VISIT_DAY }).first().locator('a').click();
      await page.getByTestId('page-my-day').waitFor();
      await page.getByTestId('download-packet').click();
      await page.getByTestId('packet-state').filter({ hasText: '已下载今日工作包' }).waitFor();
      await page.getByTestId('open-field').click();
      await page.getByTestId('field-village').first().waitFor();
      const panel = page.getByTestId('signoff');
      expect(await panel.getAttribute('data-leader')).toBe('false');
      expect(await page.getByTestId('signoff-by-leader').innerText()).toBe('全部走访完成后，由组长 督查员一（第一组） 在其手机上签字确认。');
      expect(await page.getByTestId('signoff-name').count()).toBe(0);
      expect(await page.getByTestId('signoff-submit').count()).toBe(0);
      await panel.screenshot({ path: resolve(SCREENSHOTS, 'field-signoff-not-leader.png') });
    } finally {
      await context.close();
    }
  });

  it('is refused by the API when a sign-off is sent anyway, and told who signs', async () => {
    const token = await login(t.baseUrl, 'inspector-member');
    const response = await fetch(`${t.baseUrl}/api/my/days/${day.planId}/${day.visitDate}/sign-off`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ names: ['孙组员'] }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toContain('督查员一（第一组）');
  });
});
