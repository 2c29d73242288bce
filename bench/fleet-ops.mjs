// Fleet operations (issue 12): `diff` of N tenant schemas vs one hand-written catalog query
// returning the same rows (the floor), and `baseline --to 0006` of N tenants without ledgers.
// Usage: node bench/fleet-ops.mjs [--tenants 1000] [--students 2] [--runs 5] [--db NAME (an already seeded database, kept)]
import { bundleCore } from './core.lib.mjs';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('tenants', 1000);
const STUDENTS = arg('students', 2);
const RUNS = arg('runs', 5);
const base = process.env.TENANTRY_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbFlag = process.argv.indexOf('--db') > 0 ? process.argv[process.argv.indexOf('--db') + 1] : undefined;

async function loadCore() {
  return bundleCore('fleet-core', [
    "export { createCore } from './src/main/core/create-core';",
    "export { seedDemo } from './src/main/core/sandbox/seed-demo';",
    "export { sampleProjectDir } from './src/main/core/app-root';",
  ]);
}

/** The floor: the catalog rows the diff needs, written by hand, with the tenant list known beforehand. */
const HAND_WRITTEN = `
SELECT n.nspname AS schema, 'table' AS kind, c.relname AS rel, c.relname AS name, c.relkind::text AS def, NULL::boolean AS nn, NULL::text AS dflt
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY($1) AND c.relkind IN ('r','p','f') AND c.relname NOT IN ('tenantry_migrations','django_migrations')
UNION ALL
SELECT n.nspname, 'column', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname = ANY($1) AND c.relkind IN ('r','p','f') AND c.relname NOT IN ('tenantry_migrations','django_migrations') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT n.nspname, 'index', c.relname, ic.relname, pg_get_indexdef(i.indexrelid), NULL, NULL
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY($1) AND c.relname NOT IN ('tenantry_migrations','django_migrations')
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = c.oid AND k.contype IN ('p','u','x'))
UNION ALL
SELECT n.nspname, 'constraint', c.relname, k.conname, pg_get_constraintdef(k.oid), NULL, NULL
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY($1) AND c.relname NOT IN ('tenantry_migrations','django_migrations') AND k.contype IN ('p','u','f','c','x','t')
UNION ALL
SELECT n.nspname, 'trigger', c.relname, t.tgname, pg_get_triggerdef(t.oid), NULL, NULL
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY($1) AND NOT t.tgisinternal
UNION ALL
SELECT n.nspname, 'view', c.relname, c.relname, pg_get_viewdef(c.oid), NULL, NULL
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1) AND c.relkind IN ('v','m')
UNION ALL
SELECT n.nspname, 'function', NULL, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid), NULL, NULL
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY($1) AND p.prokind IN ('f','p')`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const name = dbFlag ?? `tenantry_bench_fleet_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
if (!dbFlag) await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(base);
url.pathname = `/${name}`;
const sql = new pg.Client({ connectionString: url.toString() });
await sql.connect();
const home = mkdtempSync(path.join(tmpdir(), 'bench-fleet-home-'));
const core = await loadCore();
const c = await core.createCore({ mode: 'cli', dataDir: home, keychain: null });
try {
  if (!dbFlag) {
    process.stderr.write(`seeding ${N} tenants…\n`);
    const seed = await core.seedDemo(sql, {
      tenants: N,
      studentsPerTenant: STUDENTS,
      projectDir: core.sampleProjectDir(),
    });
    await sql.query(
      `CREATE INDEX x_idx ON "${seed.schemas[7]}".evaluations_student (name); ALTER TABLE "${seed.schemas[9]}".evaluations_student ALTER COLUMN user_id TYPE numeric`,
    );
  }
  const u = new URL(base);
  const profile = await c.profiles.add({
    name: 'bench',
    environment: 'local',
    host: u.hostname,
    port: Number(u.port || 5432),
    database: name,
    user: decodeURIComponent(u.username) || 'postgres',
    sslmode: 'disable',
    readOnly: false,
    keepAsideAfterRestore: false,
    projectDir: core.sampleProjectDir(),
  });
  const call = async (method, input) => {
    const env = await c.api.call(method, { profileId: profile.id, ...input });
    if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
    return env.data;
  };

  // Warm both paths once (connections, plan caches), then alternate runs.
  const tenants = (
    await sql.query(
      `SELECT schema_name AS s FROM public.customers_client c JOIN pg_namespace n ON n.nspname = c.schema_name WHERE schema_name <> 'public'`,
    )
  ).rows.map((r) => r.s);
  const floorRows = (await sql.query(HAND_WRITTEN, [tenants])).rows.length;
  const first = await call('fleet.diff', {});
  const floors = [];
  const diffs = [];
  for (let i = 0; i < RUNS; i++) {
    floors.push((await timed(() => sql.query(HAND_WRITTEN, [tenants]))).ms);
    diffs.push((await timed(() => call('fleet.diff', {}))).ms);
  }

  const dropLedgers = async () => {
    const { rows } = await sql.query(
      `SELECT string_agg(format('DROP TABLE %I.tenantry_migrations', table_schema), '; ') AS s FROM information_schema.tables WHERE table_name = 'tenantry_migrations' AND table_schema <> 'public'`,
    );
    if (rows[0].s) await sql.query(rows[0].s);
  };
  const baselines = [];
  let last;
  for (let i = 0; i < 2; i++) {
    await dropLedgers();
    const run = await timed(() => call('fleet.baseline', { to: '0006' }));
    baselines.push(run.ms);
    last = run.value;
  }

  const floor = median(floors);
  const diff = median(diffs);
  console.log(
    JSON.stringify(
      {
        bench: 'fleet-ops',
        tenants: N,
        catalogRows: { floor: floorRows, diff: first.objects },
        drifted: first.drifted.map((d) => d.differences.join('; ')),
        diff: {
          floorMs: Math.round(floor),
          tenantryMs: Math.round(diff),
          ratio: +(diff / floor).toFixed(2),
          target: 'ratio <= 2',
        },
        baseline: {
          bestMs: Math.round(Math.min(...baselines)),
          runsMs: baselines.map(Math.round),
          baselined: last.baselined.length,
          refused: last.refused.length,
          target: '< 5000 ms',
        },
      },
      null,
      2,
    ),
  );
} finally {
  await c.close();
  await sql.end();
  if (!dbFlag) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  rmSync(home, { recursive: true, force: true });
}
