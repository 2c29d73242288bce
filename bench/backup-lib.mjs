// Shared helpers for the backup benchmarks: a seeded database, the core bundled from source, timing.
import { bundleCore } from './core.lib.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const admin = { host: '127.0.0.1', port: 5432, user: 'postgres' };

export function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

export async function sql(db, text, params) {
  const c = new pg.Client({ ...admin, database: db });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

export async function createDb(name) {
  await sql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await sql('postgres', `CREATE DATABASE "${name}"`);
}
export const dropDb = (name) => sql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);

/** A database seeded with N demo tenants through the CLI (reuses one already seeded with --db). */
export async function seededDb(prefix, tenants) {
  const given = flag('db');
  if (given) return { name: given, keep: true };
  const name = `${prefix}_${tenants}_${process.pid}`;
  await createDb(name);
  execFileSync(
    process.execPath,
    [
      path.join(root, 'out/cli/tenantry.mjs'),
      'sandbox',
      '--seed-only',
      '--url',
      `postgres://postgres@127.0.0.1:5432/${name}`,
      '--tenants',
      String(tenants),
      '--students',
      '200',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return { name, keep: false };
}

export const urlOf = (db) => `postgres://postgres@127.0.0.1:5432/${db}`;

/** The core, bundled from src/ so the benchmark calls the same functions the app does, in-process. */
export async function loadCore() {
  return bundleCore('backup-core', [
    "export { createCore } from './src/main/core/create-core';",
    "export { takeBackup } from './src/main/core/backups/take-backup';",
    "export { planRestore } from './src/main/core/backups/restore-plan';",
    "export { runRestore } from './src/main/core/backups/run-restore';",
    "export { filterToc } from './src/main/core/backups/toc';",
  ]);
}

export async function newCore(core) {
  const home = mkdtempSync(path.join(tmpdir(), 'tenantry-bench-'));
  return core.createCore({ mode: 'cli', dataDir: home, keychain: null });
}

export function run(bin, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')}: ${err}`))));
  });
}

export async function time(fn) {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/** Best of `n` runs: the least disturbed by the other work on this shared machine. */
export async function best(n, fn) {
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, await time(fn));
  return min;
}

export async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

export async function tenantSchemas(db, limit) {
  const { rows } = await sql(
    db,
    `SELECT c.schema_name FROM public.customers_client c JOIN pg_namespace n ON n.nspname = c.schema_name WHERE c.schema_name <> 'public' ORDER BY 1 LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.schema_name);
}
