// Migration SQL through PostgreSQL's own parser, as a user times it: whole processes of the built
// `tenantry` (start-up included) against floors run in the same session, medians of --runs.
//   node bench/sql-parse.mjs [--tenants 20] [--statements 1500] [--runs 3]
// 1. A large pending file (functions with dollar bodies, DO blocks, comments, E'' strings) on N
//    tenants: `tenantry migrate --dry-run` (parsed once, run statement by statement per tenant, rolled
//    back) vs one psql session doing BEGIN; \i file; ROLLBACK per tenant (psql splits it too).
// 2. Start-up: `tenantry migrate --dry-run` on the demo fleet (loads the parser, takes the lock,
//    builds the plan, two tenants two files behind) vs `tenantry status` (no parser), same database.
// Needs `npm run build:cli`. Makes and drops its own database.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchHome, flag, reporter, root, rounds, timed } from './cli.lib.mjs';
import { admin, dbUrl, newName, withClient } from './migrations.lib.mjs';

const N = Number(flag('tenants', '20'));
const STATEMENTS = Number(flag('statements', '1500'));
const RUNS = Number(flag('runs', '3'));
const home = benchHome();
const env = { TENANTRY_HOME: home };
const db = newName('sqlparse');
const project = mkdtempSync(path.join(tmpdir(), 'tenantry-bench-sql-'));
// A private copy of the built CLI: other builds replace out/cli's chunks while this runs.
const cliCopy = path.join(root, 'out', `bench-cli-${process.pid}`);
cpSync(path.join(root, 'out', 'cli'), cliCopy, { recursive: true });
const tenantry = (args, opts) => timed(process.execPath, [path.join(cliCopy, 'tenantry.mjs'), ...args], opts);

/** A large, realistic migration: every fifth statement a plpgsql function with its own dollar tag. */
function bigMigration(count) {
  const out = ['-- A large generated migration; comments /* everywhere */ and ; inside strings.'];
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0:
        out.push(
          `CREATE TABLE bench_t${i} (id bigserial PRIMARY KEY, note text DEFAULT E'it\\'s; fine', n numeric(10, 2)); -- table ${i}`,
        );
        break;
      case 1:
        out.push(`INSERT INTO bench_t${i - 1} (note, n) VALUES ('a; b', ${i}), ($q$dollar; 'quoted'$q$, ${i + 1});`);
        break;
      case 2:
        out.push(
          `CREATE FUNCTION bench_f${i}(p int) RETURNS int LANGUAGE plpgsql AS $f${i}$\nBEGIN\n  -- a comment; with DROP TABLE inside\n  RETURN p + ${i};\nEND\n$f${i}$;`,
        );
        break;
      case 3:
        out.push(`/* nested /* comment */ here */ CREATE INDEX bench_i${i} ON bench_t${i - 3} (n);`);
        break;
      default:
        out.push(`DO $$ BEGIN PERFORM bench_f${i - 2}(1); END $$;`);
    }
  }
  return out.join('\n') + '\n';
}

const summary = [];
try {
  await admin(`CREATE DATABASE "${db}"`);
  cpSync(path.join(root, 'resources', 'sample-project'), project, { recursive: true });
  await tenantry(['sandbox', '--seed-only', '--url', dbUrl(db), '--tenants', String(N), '--students', '5', '--json'], {
    env,
  });
  const args = (extra) => [...extra, '--url', dbUrl(db), '--project', project, '--json'];

  const up = reporter(
    'Start-up with the parser: migrate --dry-run (the demo fleet: two tenants two files behind) vs status, whole processes',
  );
  const m0 = await rounds(RUNS, {
    floor: async () => (await tenantry(args(['status']), { env })).seconds,
    ours: async () => (await tenantry(args(['migrate', '--dry-run']), { env })).seconds,
  });
  up.ratio(
    'migrate --dry-run (parser loaded, lock, plan, two small files rolled back)',
    m0.ours.median,
    m0.floor.median,
  );
  summary.push(...up.end());

  const big = bigMigration(STATEMENTS);
  const file = path.join(project, 'migrations', 'tenant', '0007_bench_big.sql');
  writeFileSync(file, big);
  const schemas = await withClient(db, async (c) =>
    (
      await c.query(
        `SELECT schema_name FROM public.customers_client WHERE schema_name <> 'public' AND schema_name IN (SELECT nspname FROM pg_namespace) ORDER BY 1`,
      )
    ).rows.map((r) => r.schema_name),
  );
  const script = path.join(home, 'floor.sql');
  writeFileSync(
    script,
    schemas.map((s) => `BEGIN;\nSET LOCAL search_path TO "${s}", public;\n\\i ${file}\nROLLBACK;`).join('\n') + '\n',
  );
  const rep = reporter(
    `A ${STATEMENTS}-statement file (${Math.round(big.length / 1024)} KB) on ${schemas.length} tenants: tenantry migrate --dry-run vs psql`,
  );
  const m1 = await rounds(RUNS, {
    floor: async () =>
      (await timed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl(db), '-f', script])).seconds,
    ours: async () => (await tenantry(args(['migrate', '--dry-run', '--parallel', '1']), { env })).seconds,
  });
  rep.ratio(
    'migrate --dry-run --parallel 1 (parse once, statement by statement, rollback)',
    m1.ours.median,
    m1.floor.median,
  );
  const m2 = await rounds(RUNS, {
    ours: async () => (await tenantry(args(['migrate', '--dry-run']), { env })).seconds,
  });
  rep.ratio('migrate --dry-run (default parallelism)', m2.ours.median, m1.floor.median);
  summary.push(...rep.end());
} finally {
  await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => undefined);
  rmSync(project, { recursive: true, force: true });
  rmSync(cliCopy, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
}
console.log('\n| work | tenantry s | floor s | ratio |\n|---|---|---|---|');
for (const r of summary)
  console.log(`| ${r.work} | ${r.ours.toFixed(3)} | ${r.floor.toFixed(3)} | ${r.ratio.toFixed(2)} |`);
