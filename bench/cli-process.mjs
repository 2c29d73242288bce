// The CLI as a user times it: whole processes of the built `tenantry` (start-up included) against
// floors run in the same session, medians of --runs (default 3), floor and tenantry alternated.
//   node bench/cli-process.mjs [--tenants 500] [--uptodate-tenants 1000] [--students 200] [--runs 3]
//                              [--only startup,migrate,status,uptodate,backup,restore]
// TENANTRY_BENCH_CLI_BEFORE=<copy of an earlier build>/tenantry.mjs adds that build to the start-up,
// status and restore rounds (alternated with the current one, same load): "work (before)" rows.
// Needs `npm run build` (or `npm run build:cli`). Each section makes and drops its own databases.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  benchHome,
  cliBefore,
  flag,
  reporter,
  rounds,
  tenantry,
  tenantryBefore,
  timed,
  withBefore,
} from './cli.lib.mjs';
import { admin, dbUrl, loadCore, newName, withClient } from './migrations.lib.mjs';
import { bareLedgerRead, bareSpawn } from './bare-node.lib.mjs';

const N = Number(flag('tenants', '500'));
const UPTODATE = Number(flag('uptodate-tenants', '1000'));
const STUDENTS = Number(flag('students', '200'));
const RUNS = Number(flag('runs', '3'));
const only = flag('only', 'startup,migrate,status,uptodate,backup,restore').split(',');
const home = benchHome();
const env = { TENANTRY_HOME: home };
const summary = [];
const made = [];
const { readProjectMigrations, createLedgerSql, tenantSql, sampleProjectDir } = await loadCore();
const project = sampleProjectDir();
const files = await readProjectMigrations(project);
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
const schemasOf = (n) => Array.from({ length: n }, (_, i) => `tenant_bench_${String(i).padStart(5, '0')}`);
const psql = (db, args) => timed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl(db), ...args]);
const fresh = async (what) => {
  const name = newName(what);
  made.push(name);
  await admin(`CREATE DATABASE "${name}"`);
  return name;
};
const copyOf = async (template, what) => {
  const name = newName(what);
  made.push(name);
  await admin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return name;
};
const drop = (name) => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
/** PostgreSQL's own client binary (`pg_config --bindir`), else the name on PATH. */
const pgBin = (name) => {
  try {
    const bin = path.join(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim(), name);
    return existsSync(bin) ? bin : name;
  } catch {
    return name;
  }
};

/** N tenant schemas (pattern registry tenant_*) at migration `at`, `students` each, as migrate-fleet.mjs seeds them. */
async function seedAt(db, schemas, at, students) {
  await withClient(db, async (c) => {
    const shared = files.shared
      .map(
        (f) =>
          `${f.sql};\nINSERT INTO public.tenantry_migrations (name, checksum, state) VALUES (${lit(f.name)}, ${lit(f.checksum)}, 'applied');`,
      )
      .join('\n');
    await c.query(`BEGIN; ${createLedgerSql('public')}; SET LOCAL search_path TO public; ${shared} COMMIT;`);
    for (let i = 0; i < schemas.length; i += 25) {
      const batch = schemas.slice(i, i + 25).map((s, k) => tenantSql(s, files.tenant, at, students, i + k));
      await c.query(`BEGIN;\n${batch.join('\n')}\nCOMMIT;`);
    }
  });
}

const patternArgs = (db) => ['--url', dbUrl(db), '--registry', 'pattern:tenant_*', '--project', project, '--json'];

async function startup() {
  const rep = reporter('Start-up (no connection): whole processes vs `node -e 0`');
  const runs = Math.max(RUNS, 9);
  // A data folder as a user has one: three saved profiles, their audit lines.
  const used = { TENANTRY_HOME: benchHome() };
  for (const name of ['staging', 'production', 'local'])
    await tenantry(['profiles', 'add', name, '--uri', `postgres://postgres@127.0.0.1:5432/${name}`], { env: used });
  for (const [work, args] of [
    ['tenantry --version', ['--version']],
    ['tenantry --help', ['--help']],
    ['tenantry migrate --help', ['migrate', '--help']],
    ['tenantry profiles list (no connection, 3 profiles)', ['profiles', 'list', '--json']],
    ['tenantry backups list (no connection)', ['backups', 'list', '--json']],
    ['tenantry audit list (no connection)', ['audit', 'list', '--json']],
    ['tenantry audit verify (no connection)', ['audit', 'verify', '--json']],
    ['tenantry checklist runs (no connection)', ['checklist', 'runs', '--json']],
  ]) {
    const m = await rounds(
      runs,
      withBefore(
        {
          floor: async () => (await timed(process.execPath, ['-e', '0'])).seconds,
          ours: async () => (await tenantry(args, { env: used })).seconds,
        },
        async () => (await tenantryBefore(args, { env: used })).seconds,
      ),
    );
    rep.ratio(work, m.ours.median, m.floor.median, 2);
    if (cliBefore) rep.ratio(`${work} (before)`, m.before.median, m.floor.median);
  }
  rmSync(used.TENANTRY_HOME, { recursive: true, force: true });
  summary.push(...rep.end());
}

async function migrate() {
  const rep = reporter(`migrate 0003→0006, N=${N} tenants × ${STUDENTS} students: tenantry migrate vs psql`);
  const schemas = schemasOf(N);
  const src = await fresh('cli_mig_src');
  await seedAt(src, schemas, 3, STUDENTS);
  const pending = files.tenant.filter((f) => f.version > 3);
  const tenantScript = (s) =>
    [
      'BEGIN;',
      `SET LOCAL search_path TO "${s}", public;`,
      'SET CONSTRAINTS ALL IMMEDIATE;',
      ...pending.map((f) => f.sql.trim().replace(/;?$/, ';')),
      `INSERT INTO "${s}".tenantry_migrations (name, checksum, state, duration_ms) VALUES ${pending.map((f) => `(${lit(f.name)}, ${lit(f.checksum)}, 'applied', 0)`).join(', ')};`,
      'COMMIT;',
    ].join('\n');
  const scripts = [schemas, schemas.slice(0, N / 2), schemas.slice(N / 2)].map((list, i) => {
    const file = path.join(home, `migrate-floor-${i}.sql`);
    writeFileSync(file, list.map(tenantScript).join('\n'));
    return file;
  });
  const done = (db) =>
    withClient(
      db,
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'tenant\\_bench\\_%' AND c.relname = 'clases_enrollment'`,
          )
        ).rows[0].n,
    );
  let parallel;
  const m = await rounds(
    RUNS,
    {
      floor: async (dbs) => (await psql(dbs.one, ['-f', scripts[0]])).seconds,
      floor2: async (dbs) => {
        const t0 = performance.now();
        await Promise.all([psql(dbs.two, ['-f', scripts[1]]), psql(dbs.two, ['-f', scripts[2]])]);
        return (performance.now() - t0) / 1000;
      },
      ours: async (dbs) => {
        const { seconds, out } = await tenantry([...patternArgs(dbs.ours), 'migrate', '--yes'], { env });
        const run = JSON.parse(out).data;
        parallel = run.parallel;
        if (run.failed.length) throw new Error(`${run.failed.length} tenants failed`);
        return seconds;
      },
    },
    async () => ({
      one: await copyOf(src, 'cli_mig_one'),
      two: await copyOf(src, 'cli_mig_two'),
      ours: await copyOf(src, 'cli_mig_ours'),
    }),
  );
  for (const db of made.filter((d) => d.startsWith('tenantry_bench_cli_mig_') && !d.includes('_src_'))) {
    if (db.includes('_ours_') && (await done(db)) !== N) throw new Error(`tenantry left tenants unmigrated in ${db}`);
    await drop(db);
  }
  rep.note(`tenantry chose ${parallel} parallel sessions`);
  rep.ratio('migrate vs one psql session', m.ours.median, m.floor.median, 0.8);
  rep.ratio('migrate vs two psql sessions', m.ours.median, m.floor2.median);
  await drop(src);
  summary.push(...rep.end());
}

/** The hand-written floor: one psql call, the UNION ALL of every ledger, its text built beforehand. */
function unionFile(schemas, name) {
  const file = path.join(home, name);
  writeFileSync(
    file,
    schemas
      .map((s) => `SELECT '${s}' AS schema, name, checksum, state FROM "${s}".tenantry_migrations`)
      .join('\nUNION ALL\n') + ';\n',
  );
  return file;
}

async function status() {
  const rep = reporter(`status, N=${N} tenants: tenantry status vs one psql call (UNION ALL of the ledgers)`);
  const schemas = schemasOf(N);
  const db = await fresh('cli_status');
  await seedAt(db, schemas, 6, 2);
  const file = unionFile(schemas, 'status-union.sql');
  const bare = await bareLedgerRead();
  const m = await rounds(
    RUNS,
    withBefore(
      {
        floor: async () => (await psql(db, ['-At', '-f', file])).seconds,
        ours: async () => (await tenantry([...patternArgs(db), 'status'], { env })).seconds,
        bare: async () => (await bare(dbUrl(db))).seconds,
      },
      async () => (await tenantryBefore([...patternArgs(db), 'status'], { env })).seconds,
    ),
  );
  rep.ratio('status', m.ours.median, m.floor.median, 1.2);
  rep.ratio('bound: bare Node + pg, the ledger statement alone on two sessions', m.bare.median, m.floor.median);
  if (cliBefore) rep.ratio('status (before)', m.before.median, m.floor.median);
  await drop(db);
  summary.push(...rep.end());
}

async function uptodate() {
  const rep = reporter(`up-to-date fleet, N=${UPTODATE}: tenantry migrate ("nothing to do") vs tenantry status`);
  const db = await fresh('cli_uptodate');
  await seedAt(db, schemasOf(UPTODATE), 6, 2);
  const m = await rounds(RUNS, {
    status: async () => (await tenantry([...patternArgs(db), 'status'], { env })).seconds,
    migrate: async () => (await tenantry([...patternArgs(db), 'migrate', '--yes'], { env })).seconds,
  });
  rep.ratio('migrate (nothing to do) vs status', m.migrate.median, m.status.median, 1.3);
  await drop(db);
  summary.push(...rep.end());
}

async function backup() {
  const rep = reporter(
    `fleet backup, N=${N} tenants × ${STUDENTS} students: tenantry backup --fleet vs one pg_dump -Fc`,
  );
  const db = await fresh('cli_backup');
  execFileSync(
    process.execPath,
    [
      path.join(path.dirname(project), '..', 'out', 'cli', 'tenantry.mjs'),
      'sandbox',
      '--seed-only',
      '--url',
      dbUrl(db),
      '--tenants',
      String(N),
      '--students',
      String(STUDENTS),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } },
  );
  const dumpFile = path.join(home, 'floor.dump');
  let last;
  const m = await rounds(only.includes('backup') ? RUNS : 0, {
    floor: async () => (await timed('pg_dump', ['-Fc', '-f', dumpFile, '-d', dbUrl(db)])).seconds,
    ours: async () => {
      const r = await tenantry(['--url', dbUrl(db), '--json', 'backup', '--fleet'], { env });
      last = JSON.parse(r.out).data;
      return r.seconds;
    },
  });
  if (only.includes('backup'))
    rep.ratio('backup --fleet (manifest and sha256 included)', m.ours.median, m.floor.median, 1.2);
  else last = JSON.parse((await tenantry(['--url', dbUrl(db), '--json', 'backup', '--fleet'], { env })).out).data;

  // One tenant back from that fleet backup. The floors run PostgreSQL's own pg_restore binary
  // (`pg_config --bindir`, not Debian's Perl pg_wrapper on PATH), with the tenant's TOC list made
  // beforehand; tenantry finds that binary itself.
  const schema = last.schemas[Math.floor(last.schemas.length / 2)];
  const file = last.files.find((f) => f.schemas.includes(schema)).path;
  const listFile = path.join(home, 'tenant.list');
  const toc = execFileSync(pgBin('pg_restore'), ['--list', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  writeFileSync(
    listFile,
    toc
      .split('\n')
      .filter((l) => l.includes(` ${schema} `) || l.includes(`SCHEMA - ${schema} `))
      .join('\n') + '\n',
  );
  const restoreArgs = (args, db) => ['--exit-on-error', '--single-transaction', ...args, '-d', dbUrl(db), file];
  const pgRestore = (args, db) => timed(pgBin('pg_restore'), restoreArgs(args, db));

  // (a) Into a scratch database where the schema does not exist (tenantry: preflight, journal,
  // restore, row counts checked against the manifest, audit lines) vs pg_restore -L alone.
  const scratch = newName('cli_restore');
  made.push(scratch);
  await tenantry(['profiles', 'add', 'scratch', '--uri', dbUrl(scratch)], { env });
  const emptyScratch = () =>
    admin(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).then(() => admin(`CREATE DATABASE "${scratch}"`));
  const intoScratch = [
    '--profile',
    'scratch',
    '--json',
    '--yes',
    'restore',
    last.id,
    '--tenant',
    schema,
    '--to',
    'scratch',
  ];
  const spawnBare = await bareSpawn();
  const r = await rounds(
    RUNS,
    withBefore(
      {
        floor: async () => {
          await emptyScratch();
          return (await pgRestore([`--use-list=${listFile}`], scratch)).seconds;
        },
        bare: async () => {
          await emptyScratch();
          return (await spawnBare(pgBin('pg_restore'), restoreArgs([`--use-list=${listFile}`], scratch))).seconds;
        },
        ours: async () => {
          await emptyScratch();
          return (await tenantry(intoScratch, { env })).seconds;
        },
      },
      async () => {
        await emptyScratch();
        return (await tenantryBefore(intoScratch, { env })).seconds;
      },
    ),
  );
  rep.note(
    `restore into a scratch database, each run (s): tenantry ${r.ours.all.map((x) => x.toFixed(3)).join(', ')} (the first lists the archive once; later ones read that listing), floor ${r.floor.all.map((x) => x.toFixed(3)).join(', ')}`,
  );
  rep.ratio(`restore one tenant (${schema}) into a scratch database`, r.ours.median, r.floor.median, 1.3);
  rep.ratio('bound: bare Node spawning that same pg_restore -L', r.bare.median, r.floor.median);
  if (cliBefore) rep.ratio(`restore into a scratch database (before)`, r.before.median, r.floor.median);

  // (b) Over the live tenant, what a restore usually is. Tenantry: a safety backup of the live
  // schema (its own pg_dump, manifest and catalog entry), the live schema renamed aside, restore,
  // row counts checked, the aside copy dropped. Floors: pg_restore --clean -L over it (drops and
  // recreates the tenant's objects in one transaction, keeps no copy); and the same after a
  // `pg_dump -Fc -n` of the tenant (the copy a careful user keeps first).
  const safety = path.join(home, 'safety.dump');
  const clean = ['--clean', '--if-exists', `--use-list=${listFile}`];
  const overLive = ['--url', dbUrl(db), '--json', '--yes', 'restore', last.id, '--tenant', schema];
  const over = await rounds(
    RUNS,
    withBefore(
      {
        floor: async () => (await pgRestore(clean, db)).seconds,
        floorWithCopy: async () => {
          const t0 = performance.now();
          await timed(pgBin('pg_dump'), ['-Fc', '-n', schema, '-f', safety, '-d', dbUrl(db)]);
          await pgRestore(clean, db);
          return (performance.now() - t0) / 1000;
        },
        ours: async () => (await tenantry(overLive, { env })).seconds,
      },
      async () => (await tenantryBefore(overLive, { env })).seconds,
    ),
  );
  rep.ratio(
    `restore ${schema} over the live tenant (safety backup included) vs pg_restore --clean -L`,
    over.ours.median,
    over.floor.median,
    1.3,
  );
  rep.ratio(
    `same vs pg_dump -n of the tenant, then pg_restore --clean -L`,
    over.ours.median,
    over.floorWithCopy.median,
  );
  if (cliBefore) rep.ratio(`restore over the live tenant (before)`, over.before.median, over.floor.median);
  await drop(scratch);
  await drop(db);
  summary.push(...rep.end());
}

try {
  for (const [name, fn] of Object.entries({ startup, migrate, status, uptodate, backup }))
    if (only.includes(name) || (name === 'backup' && only.includes('restore'))) await fn();
  console.log('\n| work | floor s | tenantry s | ratio | target |\n|---|---|---|---|---|');
  for (const r of summary)
    console.log(
      `| ${r.work} | ${r.floor.toFixed(3)} | ${r.ours.toFixed(3)} | **${r.ratio.toFixed(2)}** | ${r.target ? `≤ ${r.target}` : ''} |`,
    );
} finally {
  for (const db of made) await drop(db).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}
