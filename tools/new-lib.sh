#!/usr/bin/env bash
# Creates the skeleton of a pure domain library: libs/NAME with package @lookback/NAME.
set -euo pipefail
name=$1; tag=${2:-type:domain}
dir=libs/$name
mkdir -p "$dir/src"
cat > "$dir/package.json" <<JSON
{
  "name": "@lookback/$name",
  "version": "0.0.0",
  "private": true,
  "type": "module",
  "exports": {
    ".": {
      "lookback-source": "./src/index.ts",
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    }
  },
  "nx": { "tags": ["$tag"] }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "tsBuildInfoFile": "dist/.tsbuildinfo" },
  "include": ["src/**/*.ts", "src/**/*.json"],
  "exclude": ["src/**/*.spec.ts"]
}
JSON
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
