// The CLI at 10,000 tenants, whole processes: status, tenants list, migrate of an up-to-date fleet,
// fleet backup (which must stay inside the server's lock table), and `tenantry serve`'s resident
// memory with the tenant list loaded. No floor here: the hand-written UNION ALL and a
// whole-database pg_dump both fail at this size; the question is whether each command completes.
//   node bench/cli-scale.mjs [--tenants 10000] [--db NAME (reuse a seeded one, kept)] [--keep]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchHome, cli, flag, tenantry } from './cli.lib.mjs';
import { admin, dbUrl, loadCore, newName, withClient } from './migrations.lib.mjs';

const N = Number(flag('tenants', '10000'));
const given = flag('db');
const db = given ?? newName('cli_scale');
const home = benchHome();
const env = { TENANTRY_HOME: home };
const { readProjectMigrations, createLedgerSql, tenantSql, sampleProjectDir } = await loadCore();
const project = sampleProjectDir();
const files = await readProjectMigrations(project);
const lit = (s) => `'${s.replace(/'/g, "''")}'`;

/** N tenants at the latest migration, 2 students each, seeded by two sessions, 50 tenants per transaction. */
async function seed() {
  await admin(`CREATE DATABASE "${db}"`);
  const schemas = Array.from({ length: N }, (_, i) => `tenant_bench_${String(i).padStart(5, '0')}`);
  await withClient(db, async (c) => {
    const shared = files.shared
      .map(
        (f) =>
          `${f.sql};\nINSERT INTO public.tenantry_migrations (name, checksum, state) VALUES (${lit(f.name)}, ${lit(f.checksum)}, 'applied');`,
      )
      .join('\n');
    await c.query(`BEGIN; ${createLedgerSql('public')}; SET LOCAL search_path TO public; ${shared} COMMIT;`);
  });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    [0, 1].map(() =>
      withClient(db, async (c) => {
        await c.query('SET synchronous_commit = off');
        while (next < N) {
          const i = next;
          next += 50;
          const batch = schemas
            .slice(i, i + 50)
            .map((s, k) => tenantSql(s, files.tenant, files.tenant.length, 2, i + k));
          await c.query(`BEGIN;\n${batch.join('\n')}\nCOMMIT;`);
          if ((i / 50) % 20 === 0)
            process.stderr.write(
              `seeded ${Math.min(N, i + 50)}/${N} (${Math.round((performance.now() - t0) / 1000)} s)\n`,
            );
        }
      }),
    ),
  );
  await withClient(db, (c) => c.query('ANALYZE'));
}

const rssOf = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;

/** `tenantry serve`, then tenants.list over its HTTP api; its resident memory afterwards. */
async function serveRss() {
  const child = spawn(process.execPath, [cli, 'serve', '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    const url = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /"url":\s*"([^"]+)"/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const u = new URL(url);
    const token = u.searchParams.get('token');
    const call = async (method, input) => {
      const r = await fetch(`${u.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = await r.json();
      if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
      return body.data;
    };
    const profiles = await call('profiles.list', {});
    const profile = profiles.profiles?.find?.((p) => p.name === 'scale') ?? profiles.find?.((p) => p.name === 'scale');
    const t0 = performance.now();
    const list = await call('tenants.list', { profileId: profile.id });
    const seconds = (performance.now() - t0) / 1000;
    return { tenants: list.tenants.length, seconds, rss: rssOf(child.pid) };
  } finally {
    child.kill('SIGTERM');
  }
}

const report = (work, r, extra = '') => console.log(`  ${work}: ${r.seconds.toFixed(2)} s, exit ${r.code}${extra}`);
try {
  if (!given) await seed();
  console.log(
    `\nThe CLI at N=${N} tenants (${new Date().toISOString().slice(0, 16)}Z, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
  const args = ['--url', dbUrl(db), '--registry', 'pattern:tenant_*', '--project', project, '--json'];
  const status = await tenantry([...args, 'status'], { env });
  report('status', status, `, ${JSON.parse(status.out).data.tenants.length} schemas`);
  const list = await tenantry([...args, 'tenants', 'list'], { env });
  report('tenants list', list, `, ${JSON.parse(list.out).data.tenants.length} rows`);
  const migrate = await tenantry([...args, 'migrate', '--yes'], { env });
  const run = JSON.parse(migrate.out).data;
  report('migrate (up to date)', migrate, `, ${run.total} to do, ${run.failed.length} failed`);
  const backup = await tenantry([...args, 'backup', '--fleet'], { env });
  const entry = JSON.parse(backup.out).data;
  report(
    'backup --fleet',
    backup,
    `, ${entry.schemas.length} schemas in ${entry.files.length} files, ${(entry.files.reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(0)} MB`,
  );
  await tenantry(['--registry', 'pattern:tenant_*', 'profiles', 'add', 'scale', '--uri', dbUrl(db)], { env });
  const serve = await serveRss();
  console.log(
    `  serve: tenants.list of ${serve.tenants} tenants in ${serve.seconds.toFixed(2)} s; resident memory ${(serve.rss / 2 ** 20).toFixed(0)} MB (target < 300 MB)`,
  );
  console.log(
    `  (load average at the end ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
} finally {
  if (!given && !process.argv.includes('--keep'))
    await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => undefined);
}
