#!/usr/bin/env node
// `npm test`: typecheck, lint, build, then every Vitest project (unit, api + e2e against a real
// PostgreSQL). Ends with one line "N passed, N failed" counting every test, plus one per check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR };
const run = (title, command, args) => {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status === 0;
};

let passed = 0;
let failed = 0;
const check = (title, ok) => {
  if (ok) passed++;
  else {
    failed++;
    process.stdout.write(`*** ${title} FAILED\n`);
  }
};

check('typecheck', run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.check.json']) && run('typecheck web', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']));
// The boundary rule needs Nx's project graph (it silently skips without one): compute it first.
check('lint', run('project graph', 'npx', ['nx', 'show', 'projects']) && run('lint (module boundaries)', 'npx', ['eslint', '.']));
check('build', run('build', 'npm', ['run', '-s', 'build']));

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const vitestOk = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A suite that fails outside its tests (it cannot load, or a beforeAll throws — the browser
  // could not start) reports its tests as skipped, not failed: each test it did not run is a
  // failure, and a suite with none listed counts as one.
  let unrun = 0;
  for (const suite of json.testResults ?? []) {
    if (suite.status !== 'failed') continue;
    const results = suite.assertionResults ?? [];
    if (results.some((a) => a.status === 'failed')) continue;
    const skipped = results.filter((a) => a.status !== 'passed').length;
    unrun += Math.max(skipped, 1);
    process.stdout.write(`*** ${suite.name}: ${suite.message?.split('\n')[0] ?? 'failed'} — ${Math.max(skipped, 1)} counted as failed\n`);
  }
  failed += unrun;
  if ((!vitestOk || json.success === false) && json.numFailedTests === 0 && unrun === 0) failed++;
} else {
  failed++;
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
