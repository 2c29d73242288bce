// The enrollment check over N tenants × S students vs one hand-written UNION ALL doing the same
// check (issue 7: target ≤ 1.5×).
//   node bench/verify-enrollment.mjs [--tenants 500] [--students 200] [--runs 5]
// Seeds the demo fleet (seedDemo: six migrations, one tenant missing an Enrollment, two behind),
// then measures in this process, medians of --runs:
//   floor:   one `SELECT … FROM "t1".evaluations_student … UNION ALL …` over every tenant at the
//            latest migration, its text built beforehand (it knows which tenants can run it);
//   execute: the runner on the same tenants, targets resolved beforehand (as the floor's text is):
//            each tenant in its own READ ONLY transaction with statement_timeout, 25 tenants per
//            message, a bounded pool of 4 connections, row cap + count;
//   runner:  runChecks on the same tenants, resolving its targets (registry, fleet, files) itself;
//   verify:  checks.run through the api as a job over every working tenant (behind ones reported
//            not applicable), saved to the history — what the screen and the CLI wait for.
import { bundleCore } from './core.lib.mjs';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const base = process.env.TENANTRY_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('tenants', 500);
const STUDENTS = arg('students', 200);
const RUNS = arg('runs', 7);
const CHECK = 'student_without_enrollment';

async function loadCore() {
  return bundleCore('verify-core', [
    "export { createCore } from './src/main/core/create-core';",
    "export { seedDemo } from './src/main/core/sandbox/seed-demo';",
    "export { sampleProjectDir } from './src/main/core/app-root';",
    "export { runChecks, runOnTargets } from './src/main/core/checks/check-runner';",
    "export { resolveTargets } from './src/main/core/checks/check-targets';",
  ]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dbUrl = (name) => Object.assign(new URL(base), { pathname: `/${name}` }).toString();

async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const { createCore, seedDemo, sampleProjectDir, runChecks, runOnTargets, resolveTargets } = await loadCore();
const db = `tenantry_bench_verify_${randomBytes(4).toString('hex')}`;
const home = mkdtempSync(path.join(tmpdir(), 'tenantry-bench-'));
try {
  await withClient(base, (c) => c.query(`CREATE DATABASE "${db}"`));
  const t0 = performance.now();
  const seed = await withClient(dbUrl(db), (c) =>
    seedDemo(c, { tenants: N, studentsPerTenant: STUDENTS, projectDir: sampleProjectDir() }),
  );
  await withClient(dbUrl(db), (c) => c.query('VACUUM ANALYZE'));
  process.stderr.write(`seeded ${N} tenants × ${STUDENTS} students in ${Math.round(performance.now() - t0)} ms\n`);

  const latest = seed.schemas.filter((s) => !seed.behind.includes(s));
  const union = latest
    .map(
      (s) => `SELECT '${s}'::text AS tenant, s.id AS student_id, s.user_id, s.group_id, s.name AS student
  FROM "${s}".evaluations_student s
 WHERE s.user_id IS NOT NULL AND s.group_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "${s}".clases_enrollment e WHERE e.user_id = s.user_id AND e.group_id = s.group_id AND e.is_active)`,
    )
    .join('\nUNION ALL\n');

  const core = await createCore({ mode: 'cli', dataDir: home, keychain: null });
  const u = new URL(base);
  const profile = await core.profiles.add({
    name: 'bench-verify',
    environment: 'local',
    host: u.hostname,
    port: Number(u.port || 5432),
    database: db,
    user: decodeURIComponent(u.username) || 'postgres',
    sslmode: 'disable',
    readOnly: false,
    keepAsideAfterRestore: false,
    projectDir: sampleProjectDir(),
  });

  const floor = [];
  const execute = [];
  const runner = [];
  const verify = [];
  await withClient(dbUrl(db), async (c) => {
    await c.query(union); // warm the catalog caches as the runner's warm-up does
    await runChecks(core, profile, { checks: [CHECK], tenants: latest, save: false });
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const { rows } = await c.query(union);
      floor.push(performance.now() - t);
      if (rows.length !== 1 || rows[0].tenant !== seed.missingEnrollment)
        throw new Error(`floor found ${rows.length} rows`);

      t = performance.now();
      const targets = await resolveTargets(core, profile, { checks: [CHECK], tenants: latest });
      const t1 = performance.now();
      const results = await runOnTargets(core, profile, targets, {});
      execute.push(performance.now() - t1);
      if (results.filter((x) => x.status === 'fail').length !== 1) throw new Error('execute found other failures');

      t = performance.now();
      const report = await runChecks(core, profile, { checks: [CHECK], tenants: latest, save: false });
      runner.push(performance.now() - t);
      const failing = report.results.filter((r) => r.status === 'fail');
      if (failing.length !== 1 || failing[0].tenant !== seed.missingEnrollment)
        throw new Error(`runner found ${failing.length} failing tenants`);

      t = performance.now();
      const env = await core.api.call('checks.run', { profileId: profile.id, checks: [CHECK] });
      if (!env.ok) throw new Error(env.error.message);
      const job = await core.jobs.wait(env.data.jobId);
      verify.push(performance.now() - t);
      if (job.state !== 'succeeded') throw new Error(`verify job ${job.state}`);
    }
  });
  await core.close();

  const f = median(floor);
  const x = median(execute);
  const r = median(runner);
  const v = median(verify);
  console.log(
    `verify ${CHECK}, N=${N} tenants × ${STUDENTS} students (${latest.length} at the latest migration), medians of ${RUNS}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(`  floor: one hand-written UNION ALL           ${f.toFixed(1)} ms`);
  console.log(
    `  runner executing, same tenants (pool of 4)  ${x.toFixed(1)} ms   ratio ${(x / f).toFixed(2)} (target ≤ 1.5)`,
  );
  console.log(`  runChecks incl. registry/fleet/files        ${r.toFixed(1)} ms   ratio ${(r / f).toFixed(2)}`);
  console.log(`  checks.run job, every working tenant        ${v.toFixed(1)} ms   ratio ${(v / f).toFixed(2)}`);
} finally {
  await withClient(base, (c) => c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}
