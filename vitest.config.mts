import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
// Libraries are consumed from source in tests: @lookback/x -> libs/x/src/index.ts
const alias = [{ find: /^@lookback\/([a-z-]+)$/, replacement: resolve(root, 'libs/$1/src/index.ts') }];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // A hang guard, not a speed check: on CI the unit files share two cores with the API suite and
          // vitest's 5 s default failed a 1.6 s property test there (speed is measured in bench/).
          testTimeout: 30_000,
          include: ['libs/*/src/**/*.spec.ts', 'apps/cli/src/**/*.spec.ts', 'apps/web/src/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        // NestJS needs decorator metadata, which esbuild does not emit: compile with SWC.
        plugins: [swc.vite({ jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } })],
        test: {
          name: 'api',
          environment: 'node',
          include: ['apps/api/src/**/*.spec.ts', 'test/**/*.e2e.ts'],
          globalSetup: ['test/support/database.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
