// The least a Node CLI can be, timed beside tenantry and the floor: a process that starts Node and
// does only the work, no program around it. Its ratio to the floor is the bound any Node-built
// tenantry process has (the part of a ratio that only a faster start-up could take away).
// (No dash in the name: bench/run.mjs skips it.)
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { root, timed } from './cli.lib.mjs';

const outDir = path.join(root, 'node_modules', '.cache', 'tenantry-bench');

/** Bundled as the CLI bundles pg (one file, no node_modules resolved at run time). */
async function bundle(name, contents) {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${name}.mjs`);
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['pg-native', 'cloudflare:sockets'],
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Node with pg and status's own ledger statement on two sessions, each reading half the ledgers,
 * printing the rows as JSON: no fleet, no project files, no matrix, no envelope.
 */
export async function bareLedgerRead() {
  const file = await bundle(
    'bare-ledger-read',
    `import pg from 'pg';
import { READ_ALL_LEDGERS_SQL } from './src/main/core/domain/ledger/ledger-read';
const open = async () => { const c = new pg.Client({ connectionString: process.argv[2] }); await c.connect(); return c; };
const sessions = await Promise.all([open(), open()]);
const read = await Promise.all(sessions.map((c, i) => c.query(READ_ALL_LEDGERS_SQL, ['0', 100000, 2, i])));
process.stdout.write(JSON.stringify(read.flatMap((r) => r.rows)) + '\\n');
await Promise.all(sessions.map((c) => c.end()));
`,
  );
  return (url) => timed(process.execPath, [file, url]);
}

/** Node spawning a command and waiting for it: what a Node CLI handing a restore to pg_restore costs at least. */
export async function bareSpawn() {
  const file = await bundle(
    'bare-spawn',
    `import { spawn } from 'node:child_process';
const child = spawn(process.argv[2], process.argv.slice(3), { stdio: 'inherit' });
child.on('close', (code) => process.exit(code ?? 1));
`,
  );
  return (bin, args) => timed(process.execPath, [file, bin, ...args]);
}
