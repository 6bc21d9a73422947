import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const repo = resolve(root, '../..');
const { version } = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')) as { version: string };

/**
 * Writes sw.js from service-worker.js with the list of files to precache (everything the build
 * emitted, index.html included, and the files of public/) and a version that changes whenever any
 * of them does, so a phone replaces its cached shell exactly when there is a new one.
 */
function precacheServiceWorker(): Plugin {
  const publicDir = resolve(root, 'public');
  return {
    name: 'lookback-precache-sw',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const [fileName, output] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (fileName.endsWith('.map')) continue;
        files.push(`/${fileName}`);
        hash.update(fileName).update(output.type === 'chunk' ? output.code : output.source);
      }
      for (const fileName of readdirSync(publicDir).sort()) {
        files.push(`/${fileName}`);
        hash.update(fileName).update(readFileSync(resolve(publicDir, fileName)));
      }
      if (!files.includes('/index.html')) this.error('precache: index.html is not in the bundle');
      const source = readFileSync(resolve(root, 'service-worker.js'), 'utf8')
        .replace("'__LOOKBACK_SW_VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
        .replace('__LOOKBACK_PRECACHE__', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precacheServiceWorker()],
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
