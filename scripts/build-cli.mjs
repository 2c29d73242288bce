// Builds the `tenantry` CLI for the machine's Node 20 (not Electron's Node), as one ESM file under out/cli.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const outfile = 'out/cli/tenantry.mjs';
await build({
  entryPoints: ['src/main/cli/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node\nimport { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
  logLevel: 'warning',
});
await chmod(outfile, 0o755);
