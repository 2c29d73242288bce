// Status of N tenants in one round trip vs a hand-written UNION ALL, and migrate on an up-to-date
// fleet (PRODUCT.md "How fast"; issue 4).
//   node bench/status-fleet.mjs [--tenants 1000] [--students 2]
// Seeds the demo fleet (seedDemo: django-tenants registry, six migrations per tenant, two tenants
// behind), then measures in this process, medians of several runs:
//   floor:   one hand-written `SELECT … FROM "t1".tenantry_migrations UNION ALL …` over every
//            tenant, its text built beforehand (the schema list costs a round trip it does not pay);
//   ledgers: readAllLedgers — the one statement the status matrix uses, JSON parsing included;
//   status:  migrations.status through the api (registry, fleet, ledgers, matrix);
//   migrate: migrations.apply on the fleet once it is up to date (lock + status + nothing to do).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { admin, arg, loadCore, median, newName, profileSettings, timedApply, withClient } from './migrations.lib.mjs';

const N = arg('tenants', 1000);
const STUDENTS = arg('students', 2);
const RUNS = 7;
const { createCore, readAllLedgers, seedDemo, sampleProjectDir } = await loadCore();
const db = newName('status');
const home = mkdtempSync(path.join(tmpdir(), 'tenantry-bench-'));
try {
  await admin(`CREATE DATABASE "${db}"`);
  const t0 = performance.now();
  const seed = await withClient(db, (c) =>
    seedDemo(c, { tenants: N, studentsPerTenant: STUDENTS, projectDir: sampleProjectDir() }),
  );
  process.stderr.write(`seeded ${N} tenants in ${Math.round(performance.now() - t0)} ms\n`);

  const union = seed.schemas
    .map(
      (s) =>
        `SELECT '${s}'::text AS schema, name, checksum, state, duration_ms, applied_at, error FROM "${s}".tenantry_migrations`,
    )
    .join('\nUNION ALL\n');
  const { floor, ledgers } = await withClient(db, async (c) => {
    const floor = [];
    const ledgers = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await c.query(union);
      floor.push(performance.now() - t);
      t = performance.now();
      const read = await readAllLedgers(c);
      ledgers.push(performance.now() - t);
      if (read.size < N) throw new Error(`read ${read.size} ledgers, expected ${N}+`);
    }
    return { floor, ledgers };
  });

  const core = await createCore({ mode: 'cli', dataDir: home, keychain: null });
  const profile = await core.profiles.add(profileSettings(db, { projectDir: sampleProjectDir() }));
  const status = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const env = await core.api.call('migrations.status', { profileId: profile.id });
    status.push(performance.now() - t);
    if (!env.ok) throw new Error(env.error.message);
  }
  const first = await timedApply(core, profile.id);
  const upToDate = [];
  for (let i = 0; i < 3; i++) upToDate.push((await timedApply(core, profile.id)).ms);
  await core.close();

  const f = median(floor);
  const l = median(ledgers);
  console.log(
    `status N=${N} tenants (${STUDENTS} students each), medians of ${RUNS}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(`  floor: hand-written UNION ALL        ${f.toFixed(1)} ms`);
  console.log(
    `  one-statement ledger read            ${l.toFixed(1)} ms   ratio ${(l / f).toFixed(2)} (target ≤ 1.2, < 200 ms)`,
  );
  console.log(`  migrations.status (whole matrix)     ${median(status).toFixed(1)} ms`);
  console.log(`  migrate, ${first.run.total} behind                   ${Math.round(first.ms)} ms`);
  console.log(`  migrate, fleet up to date            ${Math.round(median(upToDate))} ms (target < 1000 ms)`);
} finally {
  await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}
