// Lint: module boundaries are enforced (Nx tags), not hoped for. Formatting is Prettier's job.
import nx from '@nx/eslint-plugin';

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'pg', 'pg-copy-streams', 'express', 'react', 'react-dom', 'leaflet', 'node:fs', 'node:fs/promises', 'fs', 'node:net', 'node:http', 'node:child_process', 'node:crypto'];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '.nx/**', 'test-results/**', 'bench/results/**', '**/*.mjs', '**/vite.config.ts', 'libs/demo-county/scripts/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off', // binary sniffing of uploads matches control bytes on purpose
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            { sourceTag: 'type:api', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            { sourceTag: 'type:cli', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
          ],
        },
      ],
    },
  },
  {
    // Domain code is pure: no framework, no database, no I/O, so API, browser and CLI share it.
    files: ['libs/*/src/**/*.ts'],
    ignores: ['libs/*/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: FRAMEWORKS, message: 'libs/ are pure domain code: no framework, database or I/O imports.' }] }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use a seeded generator (seedrandom) or SHA-256 tickets: draws must be reproducible.' }],
    },
  },
  {
    // Test harnesses reach into the apps they drive.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
