/** What every browser test shares: the web build it serves, where screenshots go, and Debian's Chromium. */
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** LOOKBACK_TEST_WEB_DIST: a build elsewhere (engineers building side by side); default the one tools/test.mjs builds. */
export const WEB_DIST = process.env.LOOKBACK_TEST_WEB_DIST ?? resolve(ROOT, 'apps/web/dist');
export const SCREENSHOTS = resolve(ROOT, 'test-results/screenshots');
/** Debian's package (apt-get install chromium): no test downloads its own browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
