// Migrating N tenants vs one psql session applying the same SQL (PRODUCT.md "How fast"; issue 4).
//   node bench/migrate-fleet.mjs [--tenants 500] [--students 200] [--parallel K]
// Builds N tenant schemas at migration 0003 with S students each (the reference workload), copies
// the database twice (CREATE DATABASE … TEMPLATE), then applies 0004–0006 (create Enrollment, copy
// the students into it, add a column) to every tenant:
//   floor: one `psql -f` session running, per tenant, BEGIN; the three files; the ledger rows; COMMIT
//   tenantry: migrations.apply in this process (lock, status read, parallel sessions, one
//             transaction per tenant, ledger rows), wall time until the job ends.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { admin, arg, dbUrl, loadCore, newName, profileSettings, timedApply, withClient } from './migrations.lib.mjs';

const N = arg('tenants', 500);
const STUDENTS = arg('students', 200);
const PARALLEL = arg('parallel', undefined);
const core$ = await loadCore();
const { createCore, readProjectMigrations, createLedgerSql, tenantSql, sampleProjectDir } = core$;
const files = await readProjectMigrations(sampleProjectDir());
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
const schemas = Array.from({ length: N }, (_, i) => `tenant_bench_${String(i).padStart(5, '0')}`);

const src = newName('mig_src');
const floorDb = newName('mig_psql');
const oursDb = newName('mig_ours');
const home = mkdtempSync(path.join(tmpdir(), 'tenantry-bench-'));
try {
  await admin(`CREATE DATABASE "${src}"`);
  const t0 = performance.now();
  await withClient(src, async (c) => {
    const shared = files.shared
      .map(
        (f) =>
          `${f.sql};\nINSERT INTO public.tenantry_migrations (name, checksum, state) VALUES (${lit(f.name)}, ${lit(f.checksum)}, 'applied');`,
      )
      .join('\n');
    await c.query(`BEGIN; ${createLedgerSql('public')}; SET LOCAL search_path TO public; ${shared} COMMIT;`);
    for (let i = 0; i < N; i += 25) {
      const batch = schemas.slice(i, i + 25).map((s, k) => tenantSql(s, files.tenant, 3, STUDENTS, i + k));
      await c.query(`BEGIN;\n${batch.join('\n')}\nCOMMIT;`);
    }
  });
  process.stderr.write(
    `seeded ${N} tenants at 0003 with ${STUDENTS} students in ${Math.round(performance.now() - t0)} ms\n`,
  );
  await admin(`CREATE DATABASE "${floorDb}" TEMPLATE "${src}"`);
  await admin(`CREATE DATABASE "${oursDb}" TEMPLATE "${src}"`);

  const pending = files.tenant.filter((f) => f.version > 3);
  const script = schemas
    .map((s) =>
      [
        'BEGIN;',
        `SET LOCAL search_path TO "${s}", public;`,
        'SET CONSTRAINTS ALL IMMEDIATE;',
        ...pending.map((f) => f.sql.trim().replace(/;?$/, ';')),
        `INSERT INTO "${s}".tenantry_migrations (name, checksum, state, duration_ms) VALUES ${pending.map((f) => `(${lit(f.name)}, ${lit(f.checksum)}, 'applied', 0)`).join(', ')};`,
        'COMMIT;',
      ].join('\n'),
    )
    .join('\n');
  const scriptFile = path.join(home, 'floor.sql');
  writeFileSync(scriptFile, script);
  const f0 = performance.now();
  const psql = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl(floorDb), '-f', scriptFile], {
    encoding: 'utf8',
  });
  const floorMs = performance.now() - f0;
  if (psql.status !== 0) throw new Error(`psql failed: ${psql.stderr}`);

  const core = await createCore({ mode: 'cli', dataDir: home, keychain: null });
  const profile = await core.profiles.add(
    profileSettings(oursDb, { registry: 'pattern:tenant_*', projectDir: sampleProjectDir() }),
  );
  const { ms: oursMs, run } = await timedApply(core, profile.id, PARALLEL ? { parallel: PARALLEL } : {});
  const again = await timedApply(core, profile.id);
  await core.close();

  const check = async (db) =>
    withClient(
      db,
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM (${schemas.map((s) => `SELECT 1 FROM "${s}".tenantry_migrations WHERE name = '0006_enrollment_is_active'`).join(' UNION ALL ')}) x`,
          )
        ).rows[0].n,
    );
  const [floorDone, oursDone] = [await check(floorDb), await check(oursDb)];
  if (floorDone !== N || oursDone !== N || run.failed.length)
    throw new Error(`not every tenant migrated: psql ${floorDone}, tenantry ${oursDone}, failed ${run.failed.length}`);

  console.log(
    `migrate N=${N} tenants (0004–0006, ${STUDENTS} students each), ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(`  floor: one psql session             ${Math.round(floorMs)} ms`);
  console.log(
    `  tenantry migrate (parallel ${run.parallel})      ${Math.round(oursMs)} ms   ratio ${(oursMs / floorMs).toFixed(2)} (target ≤ 1.0)`,
  );
  console.log(`  then the same fleet, up to date      ${Math.round(again.ms)} ms (nothing to apply)`);
} finally {
  for (const db of [oursDb, floorDb, src])
    await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}
