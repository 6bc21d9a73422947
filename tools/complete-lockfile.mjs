#!/usr/bin/env node
// The registry reachable here does not serve every platform build of @swc/core, so `npm install`
// drops those optional packages from package-lock.json — and `npm ci` then refuses the lock as
// "out of sync". This puts the missing optional platform entries back (no download needed: npm
// skips packages for other platforms). Run it after `npm install` changes the lock file.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries({ ...packages })) {
  if (!entry.optionalDependencies || !path.includes('@swc/core')) continue;
  for (const [name, version] of Object.entries(entry.optionalDependencies)) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const [, platform] = /core-(.+)$/.exec(name) ?? [];
    const [os, cpu, abi] = platform.split('-');
    packages[key] = { version, cpu: [cpu], dev: true, license: 'Apache-2.0 AND MIT', optional: true, os: [os], engines: { node: '>=10' } };
    if (abi === 'gnu' || abi === 'gnueabihf') packages[key].libc = ['glibc'];
    if (abi === 'musl') packages[key].libc = ['musl'];
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} optional platform entries restored`);
