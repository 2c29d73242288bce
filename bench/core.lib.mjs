// Benches run the core's own code in process: this bundles the named exports of src/ (TypeScript)
// into one ESM file for Node 20 and imports it. (No dash in the name: bench/run.mjs skips it.)
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** `exportLines`: e.g. ["export { createCore } from './src/main/core/create-core';"]. */
export async function bundleCore(name, exportLines) {
  const outDir = path.join(root, 'node_modules', '.cache', 'tenantry-bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${name}.mjs`);
  await build({
    stdin: { contents: exportLines.join('\n'), resolveDir: root, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
