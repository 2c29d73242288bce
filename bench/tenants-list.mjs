// Tenant list and cross-tenant query at scale (PRODUCT.md "How fast"; issue 6).
//   node bench/tenants-list.mjs [--tenants 10000] [--query-tenants 1000]
// Builds a throw-away database with N empty tenant schemas (each with a six-row migration ledger,
// so "behind" is real) registered in a django-tenants registry with domains, plus a small table in
// the first Q of them for the cross-tenant count. Measures, in this one process (the core's own
// code, bundled from src/ with esbuild):
//   1. the reconciled list (one query) vs a hand-written equivalent (registry FULL JOIN catalog +
//      sizes + a client-built UNION ALL over the ledgers, timed without the round trip that lists them);
//   2. the process's RSS with the N-tenant list loaded through the core's API;
//   3. cross-tenant `SELECT count(*)` over Q tenants vs the same count run tenant by tenant.
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
const N = arg('tenants', 10_000);
const Q = Math.min(N, arg('query-tenants', 1_000));
const RUNS = 5;
const base = process.env.TENANTRY_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `tenantry_bench_tenants_${randomBytes(4).toString('hex')}`;
const MIGRATIONS = [
  '0001_group',
  '0002_student',
  '0003_student_group_index',
  '0004_enrollment',
  '0005_copy_students_to_enrollments',
  '0006_enrollment_is_active',
];

const core = await bundleCore('tenants-core', [
  "export { createCore } from './src/main/core/create-core';",
  "export { listTenants } from './src/main/core/tenants/tenant-list';",
  "export { crossTenantQuery } from './src/main/core/tenants/cross-query';",
]);

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const home = mkdtempSync(path.join(tmpdir(), 'tenantry-bench-home-'));

try {
  const t0 = performance.now();
  await client.query(`CREATE TABLE public.customers_client (id serial PRIMARY KEY, schema_name varchar(63) NOT NULL UNIQUE, name varchar(100) NOT NULL,
    is_active boolean NOT NULL DEFAULT true, plan text NOT NULL DEFAULT 'basic', max_agents int NOT NULL DEFAULT 10);
  CREATE TABLE public.customers_domain (id serial PRIMARY KEY, domain varchar(253) NOT NULL UNIQUE, tenant_id int NOT NULL REFERENCES public.customers_client (id), is_primary boolean NOT NULL DEFAULT true);
  INSERT INTO public.customers_client (schema_name, name) VALUES ('public', 'Public');`);
  const ledgerRows = MIGRATIONS.map((m) => `('${m}', 'x', 'applied')`).join(', ');
  const BATCH = 250;
  for (let start = 0; start < N; start += BATCH) {
    const names = Array.from(
      { length: Math.min(BATCH, N - start) },
      (_, k) => `tenant_bench_${String(start + k).padStart(5, '0')}`,
    );
    const sql = names
      .map((s, k) => {
        // Every 10th tenant is one migration behind; the first Q hold a table for the query bench.
        const rows =
          (start + k) % 10 === 9
            ? MIGRATIONS.slice(0, 5)
                .map((m) => `('${m}', 'x', 'applied')`)
                .join(', ')
            : ledgerRows;
        const items = start + k < Q ? `CREATE TABLE ${s}.items AS SELECT g AS id FROM generate_series(1, 50) g;` : '';
        return `CREATE SCHEMA ${s}; CREATE TABLE ${s}.tenantry_migrations (name text PRIMARY KEY, checksum text NOT NULL, state text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
INSERT INTO ${s}.tenantry_migrations (name, checksum, state) VALUES ${rows}; ${items}`;
      })
      .join('\n');
    await client.query(`BEGIN; ${sql}
      INSERT INTO public.customers_client (schema_name, name) SELECT s, initcap(replace(s, '_', ' ')) FROM unnest($$${`{${names.join(',')}}`}$$::text[]) s;
      INSERT INTO public.customers_domain (domain, tenant_id) SELECT replace(schema_name, '_', '-') || '.bench.localhost', id FROM public.customers_client WHERE schema_name = ANY($$${`{${names.join(',')}}`}$$::text[]);
      COMMIT;`);
  }
  await client.query('ANALYZE');
  console.log(
    `seeded ${N} tenant schemas (ledgers, registry, domains; ${Q} with a 50-row table) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // 1. Reconciled list vs a hand-written equivalent.
  const opts = { spec: 'django-tenants', ignoreSchemas: [], migrations: MIGRATIONS };
  let rows = 0;
  const oursQuery = [];
  const oursTotal = [];
  for (let i = 0; i < RUNS; i++) {
    oursTotal.push(
      await time(async () => {
        const list = await core.listTenants(client, opts);
        rows = list.tenants.length;
        oursQuery.push(list.queryMs);
      }),
    );
  }
  const { rows: ledgerSchemas } = await client.query(
    `SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'tenantry_migrations' AND n.nspname LIKE 'tenant%'`,
  );
  // By hand: the catalog join, plus UNION ALLs of 250 ledgers each (one UNION ALL over 10,000 ledgers
  // overflows max_stack_depth, and one statement over them all overflows the lock table).
  const unions = [];
  for (let i = 0; i < ledgerSchemas.length; i += 250) {
    unions.push(
      ledgerSchemas
        .slice(i, i + 250)
        .map(
          (r) =>
            `SELECT '${r.nspname}'::text AS s, count(*)::int AS n FROM ${r.nspname}.tenantry_migrations WHERE state IN ('applied','baselined') AND name = ANY($1)`,
        )
        .join(' UNION ALL '),
    );
  }
  const hand = `WITH sizes AS (SELECT c.relnamespace AS nsoid, (sum(c.relpages) * current_setting('block_size')::bigint)::bigint AS bytes, count(*) FILTER (WHERE c.relkind = 'r')::int AS tables FROM pg_class c WHERE c.relkind IN ('r','p','m','i','t') GROUP BY 1),
    doms AS (SELECT tenant_id, array_agg(domain::text) AS domains FROM public.customers_domain GROUP BY 1)
    SELECT coalesce(r.schema_name, n.nspname) AS schema, r.name, r.is_active, r.plan, r.max_agents, n.nspname IS NULL AS missing, r.id IS NULL AS orphan,
           sz.bytes, sz.tables, d.domains
      FROM public.customers_client r
      FULL JOIN (SELECT oid, nspname::text AS nspname FROM pg_namespace WHERE nspname LIKE 'tenant%') n ON n.nspname = r.schema_name
      LEFT JOIN sizes sz ON sz.nsoid = n.oid LEFT JOIN doms d ON d.tenant_id = r.id
     ORDER BY 1`;
  const handTimes = [];
  let handRows = 0;
  for (let i = 0; i < RUNS; i++) {
    handTimes.push(
      await time(async () => {
        handRows = (await client.query(hand)).rows.length;
        for (const u of unions) await client.query(u, [MIGRATIONS]);
      }),
    );
  }

  // 2. RSS of this process (the core) with the list loaded through the API.
  const c = await core.createCore({ mode: 'cli', dataDir: home, keychain: null });
  const profile = await c.profiles.add({
    name: 'bench',
    host: url.hostname,
    port: Number(url.port || 5432),
    database: dbName,
    user: decodeURIComponent(url.username) || 'postgres',
    sslmode: 'disable',
    registry: 'django-tenants',
  });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const envelope = await c.api.call('tenants.list', { profileId: profile.id });
  if (!envelope.ok) throw new Error(envelope.error.message);
  const loaded = envelope.data;
  const rssAfter = process.memoryUsage().rss;

  // 3. Cross-tenant count over Q tenants vs tenant by tenant on one session.
  const chosen = Array.from({ length: Q }, (_, i) => `tenant_bench_${String(i).padStart(5, '0')}`);
  const open = async () => {
    const k = new pg.Client({ connectionString: url.toString() });
    await k.connect();
    return k;
  };
  const cross = [];
  for (let i = 0; i < 3; i++) {
    cross.push(
      await time(async () => {
        const r = await core.crossTenantQuery(open, {
          sql: 'SELECT count(*) AS n FROM items',
          tenants: chosen,
          timeoutMs: 10_000,
          maxRows: 100_000,
          parallel: 4,
        });
        if (r.failed || r.rows.length !== Q) throw new Error(`cross query: ${r.failed} failed`);
      }),
    );
  }
  const serial = [];
  for (let i = 0; i < 3; i++) {
    serial.push(
      await time(async () => {
        const k = await open();
        for (const s of chosen) {
          await k.query(`SET search_path TO ${s}, public`);
          await k.query('SELECT count(*) AS n FROM items');
        }
        await k.end();
      }),
    );
  }
  // What a per-tenant script does (a psql -c or a Django shell per tenant): a new session each time.
  const perConnection = await time(async () => {
    for (const s of chosen) {
      const k = await open();
      await k.query(`SET search_path TO ${s}, public`);
      await k.query('SELECT count(*) AS n FROM items');
      await k.end();
    }
  });
  await c.close();

  const report = [
    ['reconciled list, the one query (median of 5)', ms(median(oursQuery)), `${rows} rows`],
    ['reconciled list, total (detection + ledger chunks past the lock budget)', ms(median(oursTotal)), ''],
    ['hand-written equivalent (floor)', ms(median(handTimes)), `${handRows} rows`],
    ['ratio total / floor', (median(oursTotal) / median(handTimes)).toFixed(2), ''],
    [
      'RSS with the list loaded',
      `${(rssAfter / 1024 / 1024).toFixed(0)} MB`,
      `+${((rssAfter - rssBefore) / 1024 / 1024).toFixed(0)} MB for ${loaded.tenants.length} tenants`,
    ],
    [`cross-tenant count(*) over ${Q} tenants, parallel 4 (median of 3)`, ms(median(cross)), ''],
    ['same count tenant by tenant, one session', ms(median(serial)), ''],
    ['speed-up vs one session', `${(median(serial) / median(cross)).toFixed(2)}×`, ''],
    ['same count, a new session per tenant (a script loop)', ms(perConnection), ''],
    ['speed-up vs a session per tenant', `${(perConnection / median(cross)).toFixed(2)}×`, ''],
  ];
  for (const [what, value, note] of report) console.log(`${what.padEnd(62)} ${String(value).padStart(10)}  ${note}`);
} finally {
  await client.end();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  rmSync(home, { recursive: true, force: true });
}
