// Shared by the migrations benches: the core's own code bundled from src/ with esbuild, throw-away
// databases, timing helpers.
import { bundleCore } from './core.lib.mjs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const base = process.env.TENANTRY_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

export async function loadCore() {
  return bundleCore('migrations-core', [
    "export { createCore } from './src/main/core/create-core';",
    "export { readAllLedgers } from './src/main/core/domain/ledger/ledger-read';",
    "export { readProjectMigrations } from './src/main/core/domain/ledger/migration-files';",
    "export { createLedgerSql } from './src/main/core/domain/ledger/ledger-sql';",
    "export { tenantSql } from './src/main/core/sandbox/seed-demo';",
    "export { seedDemo } from './src/main/core/sandbox/seed-demo';",
    "export { sampleProjectDir } from './src/main/core/app-root';",
  ]);
}

export function dbUrl(name) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export const newName = (what) => `tenantry_bench_${what}_${randomBytes(4).toString('hex')}`;

export async function admin(sql) {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function withClient(name, fn) {
  const c = new pg.Client({ connectionString: dbUrl(name) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function profileSettings(name, extra = {}) {
  const u = new URL(base);
  return {
    name: `bench-${name}`,
    environment: 'local',
    host: u.hostname,
    port: Number(u.port || 5432),
    database: name,
    user: decodeURIComponent(u.username) || 'postgres',
    sslmode: 'disable',
    readOnly: false,
    keepAsideAfterRestore: false,
    ...extra,
  };
}

/** Runs migrations.apply in-process and waits for the job: the wall time a user waits, lock and status read included. */
export async function timedApply(core, profileId, input = {}) {
  const t0 = performance.now();
  const env = await core.api.call('migrations.apply', { profileId, ...input });
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  const summary = await core.jobs.wait(env.data.jobId);
  const ms = performance.now() - t0;
  if (summary.state !== 'succeeded') throw new Error(`apply ${summary.state}: ${summary.error?.message}`);
  return { ms, run: summary.result };
}
