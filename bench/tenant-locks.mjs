// What the per-tenant advisory lock costs `migrate`, as whole processes (start-up included), and
// `migrate` itself against a psql floor, in the same run (CLI.md "Processes and locks").
//   node bench/tenant-locks.mjs [--tenants 200] [--runs 3]
// Each round: a fresh copy (CREATE DATABASE … TEMPLATE) of N demo tenants, all up to date, and one
// new tenant migration (a table and a row).
//   floor A: one psql session applying it to every tenant (BEGIN, search_path, the file, ledger row, COMMIT).
//   floor B: floor A plus, per tenant, the lock's own round trips (name + try-lock, unlock + reset).
//   tenantry: `tenantry migrate` on the same copy.
// B / A is what the lock adds at the floor's speed; tenantry / A is migrate's ratio with the lock.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchHome, flag, reporter, root, rounds, tenantry, timed } from './cli.lib.mjs';

const N = Number(flag('tenants', '200'));
const RUNS = Number(flag('runs', '3'));
const BASE = process.env.TENANTRY_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEMPLATE = `tenantry_bench_locks_${process.pid}`;
const TENL = 0x54454e4c;
const url = (db) => Object.assign(new URL(BASE), { pathname: `/${db}` }).toString();
const psql = (db, sql) => {
  const r = spawnSync('psql', [url(db), '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};
const made = [];
const home = benchHome();
const project = mkdtempSync(path.join(tmpdir(), 'tenantry-bench-locks-'));
const MIGRATION = 'CREATE TABLE lock_bench (id int);\nINSERT INTO lock_bench VALUES (1);\n';

/** A 31-bit key as the core computes it (sha256 of the name, first 4 bytes). */
async function keyOf(schema) {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(schema, 'utf8').digest().readUInt32BE(0) & 0x7fffffff;
}

async function floorSql(schemas, withLocks) {
  const lines = [];
  for (const s of schemas) {
    const k = await keyOf(s);
    if (withLocks)
      lines.push(
        `SELECT set_config('application_name', 'tenantry migrate ${s}', false), pg_try_advisory_lock(${TENL}, ${k});`,
      );
    lines.push(
      `BEGIN; SET LOCAL search_path TO "${s}", public; ${MIGRATION.replace(/\n/g, ' ')} INSERT INTO "${s}".tenantry_migrations (name, checksum, state) VALUES ('0007_lock_bench', 'x', 'applied'); COMMIT;`,
    );
    if (withLocks) lines.push(`SELECT pg_advisory_unlock(${TENL}, ${k}); RESET application_name;`);
  }
  const file = path.join(project, `floor-${withLocks ? 'locks' : 'plain'}.sql`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

try {
  cpSync(path.join(root, 'resources', 'sample-project'), project, { recursive: true });
  psql('postgres', `CREATE DATABASE ${TEMPLATE}`);
  made.push(TEMPLATE);
  await tenantry(
    ['sandbox', '--seed-only', '--url', url(TEMPLATE), '--tenants', String(N), '--students', '20', '--json'],
    { env: { TENANTRY_HOME: home } },
  );
  const schemas = psql(
    TEMPLATE,
    "COPY (SELECT table_schema FROM information_schema.tables WHERE table_name = 'tenantry_migrations' AND table_schema LIKE 'tenant\\_%' ORDER BY 1) TO STDOUT",
  )
    .trim()
    .split('\n');
  writeFileSync(path.join(project, 'migrations', 'tenant', '0007_lock_bench.sql'), MIGRATION);
  const plain = await floorSql(schemas, false);
  const locked = await floorSql(schemas, true);
  const copy = (r, v) => {
    const db = `${TEMPLATE}_${r}_${v}`;
    psql('postgres', `CREATE DATABASE ${db} TEMPLATE ${TEMPLATE}`);
    made.push(db);
    return db;
  };
  const rep = reporter(`migrate with per-tenant locks, ${schemas.length} tenants, medians of ${RUNS}`);
  const result = await rounds(RUNS, {
    floorA: async (_, r) =>
      (await timed('psql', [url(copy(r, 'a')), '-q', '-v', 'ON_ERROR_STOP=1', '-f', plain])).seconds,
    floorB: async (_, r) =>
      (await timed('psql', [url(copy(r, 'b')), '-q', '-v', 'ON_ERROR_STOP=1', '-f', locked])).seconds,
    ours: async (_, r) =>
      (
        await tenantry(['--url', url(copy(r, 't')), '--project', project, '--json', '--yes', 'migrate'], {
          env: { TENANTRY_HOME: home },
        })
      ).seconds,
  });
  rep.ratio(
    'psql with the lock round trips vs psql without (what the lock adds)',
    result.floorB.median,
    result.floorA.median,
  );
  rep.ratio(
    'tenantry migrate (locks, ledger, audit, start-up) vs psql without locks',
    result.ours.median,
    result.floorA.median,
  );
  rep.note(
    `all runs: ${JSON.stringify(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.all.map((s) => s.toFixed(3))])))}`,
  );
  rep.end();
} finally {
  for (const db of made.reverse())
    spawnSync('psql', [url('postgres'), '-q', '-c', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`]);
  rmSync(project, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
