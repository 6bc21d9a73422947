import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const repo = resolve(root, '../..');
const { version } = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  root,
  plugins: [react()],
  // Libraries are consumed from source: @lookback/x -> libs/x/src/index.ts
  resolve: { alias: [{ find: /^@lookback\/([a-z-]+)$/, replacement: resolve(repo, 'libs/$1/src/index.ts') }] },
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    // libs/ are pure by rule (no side effects on import), so what a screen does not use is left out:
    // importing STRATUM_LABELS must not drag the XLSX reader into the first page load.
    rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !id.startsWith(resolve(repo, 'libs') + '/') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
