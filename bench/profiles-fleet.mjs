// Several databases as one fleet, and a database split into named schemas, timed as whole
// processes of the built CLI (start-up included) against floors run in the same session,
// medians of --runs (default 3), floor and tenantry alternated.
//   node bench/profiles-fleet.mjs [--tenants 200] [--runs 3]
// Needs `npm run build:cli`. Makes and drops its own databases.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { benchHome, flag, reporter, rounds, root, tenantry, timed } from './cli.lib.mjs';
import { admin, dbUrl, newName } from './migrations.lib.mjs';

const N = Number(flag('tenants', '200'));
const RUNS = Number(flag('runs', '3'));
const home = benchHome();
const env = { TENANTRY_HOME: home };
const made = [];
const sample = path.join(root, 'resources', 'sample-project');
const domains = path.join(root, 'resources', 'sample-domains');
const fresh = async (what) => {
  const name = newName(what);
  made.push(name);
  await admin(`CREATE DATABASE "${name}"`);
  return name;
};

/** `--profiles a,b status` in one process vs two `--profile` processes, one after the other. */
async function fleetStatus() {
  const rep = reporter(
    `status over two databases of ${N} tenants each: one --profiles process vs two --profile processes`,
  );
  const dbs = [await fresh('bench_fleet_a'), await fresh('bench_fleet_b')];
  for (const [i, db] of dbs.entries()) {
    await tenantry(['sandbox', '--seed-only', '--url', dbUrl(db), '--tenants', String(N), '--students', '2'], { env });
    await tenantry(['profiles', 'add', `bench-${i}`, '--uri', dbUrl(db), '--project', sample], { env });
  }
  const m = await rounds(RUNS, {
    floor: async () =>
      (await tenantry(['--profile', 'bench-0', 'status', '--json'], { env })).seconds +
      (await tenantry(['--profile', 'bench-1', 'status', '--json'], { env })).seconds,
    ours: async () => (await tenantry(['--profiles', 'bench-0,bench-1', 'status', '--json'], { env })).seconds,
  });
  rep.ratio('tenantry --profiles a,b status', m.ours.median, m.floor.median, 1.0);
  return rep.end();
}

/** The domains sample migrated from empty: tenantry migrate vs psql running the same files in order, in one session. */
async function namedFromEmpty() {
  const rep = reporter(
    'the domains sample (public + 8 named schemas, 25 tables) migrated from empty: tenantry migrate vs psql -f',
  );
  const schemas = ['shared', ...YAMLschemas()];
  const script = schemas
    .flatMap((dir) => {
      const folder = path.join(domains, 'migrations', dir);
      const files = readdirSync(folder)
        .filter((f) => /^\d+_.*\.sql$/.test(f) && !f.endsWith('.down.sql'))
        .sort();
      const name = dir === 'shared' ? 'public' : dir;
      return [
        `CREATE SCHEMA IF NOT EXISTS "${name}";`,
        `SET search_path TO "${name}", public;`,
        ...files.map((f) => readFileSync(path.join(folder, f), 'utf8')),
      ];
    })
    .join('\n');
  const scriptFile = path.join(home, 'domains.sql');
  (await import('node:fs')).writeFileSync(scriptFile, `BEGIN;\n${script}\nCOMMIT;\n`);
  const m = await rounds(
    RUNS,
    {
      floor: async (state) =>
        (await timed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl(state.floor), '-f', scriptFile]))
          .seconds,
      ours: async (state) =>
        (await tenantry(['--url', dbUrl(state.ours), '--project', domains, 'migrate', '--yes', '--json'], { env }))
          .seconds,
    },
    async () => ({ floor: await fresh('bench_dom_floor'), ours: await fresh('bench_dom_ours') }),
  );
  rep.ratio('tenantry migrate (9 schemas, 9 ledgers, one transaction per schema)', m.ours.median, m.floor.median);
  return rep.end();
}

function YAMLschemas() {
  const text = readFileSync(path.join(domains, 'tenantry.yaml'), 'utf8');
  return /schemas:\s*\[([^\]]*)\]/
    .exec(text)[1]
    .split(',')
    .map((s) => s.trim());
}

try {
  const rows = [...(await fleetStatus()), ...(await namedFromEmpty())];
  console.log('\nsummary');
  for (const r of rows)
    console.log(`  ${r.work}: ${r.ours.toFixed(3)} s / ${r.floor.toFixed(3)} s = ${r.ratio.toFixed(2)}`);
} finally {
  for (const name of made) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
