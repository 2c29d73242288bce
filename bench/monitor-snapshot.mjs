// One monitor look at N tenants (sizes per schema, connections, running queries, who-blocks-whom,
// newest rows of every migration ledger) vs the floor: the same picture from hand-written catalog
// queries on one open connection. Usage: node bench/monitor-snapshot.mjs [--tenants 200] [--db NAME]
// Full size: node bench/monitor-snapshot.mjs --tenants 1000
import pg from 'pg';
import { best, dropDb, flag, loadCore, newCore, seededDb } from './backup-lib.mjs';

const N = Number(flag('tenants', '200'));
const db = await seededDb('bench_monitor', N);
const core = await loadCore();
const c = await newCore(core);
const profile = await c.profiles.add({
  name: 'bench',
  host: '127.0.0.1',
  port: 5432,
  database: db.name,
  user: 'postgres',
  sslmode: 'disable',
});

const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: db.name });
await client.connect();
const { rows: ledgers } = await client.query(
  `SELECT n.nspname AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'tenantry_migrations'`,
);
const unionAll =
  ledgers
    .map(
      (l) =>
        `(SELECT '${l.s}' AS schema, name, applied_at, duration_ms FROM "${l.s}".tenantry_migrations ORDER BY applied_at DESC LIMIT 100)`,
    )
    .join(' UNION ALL ') + ' ORDER BY applied_at DESC LIMIT 100';

async function floor() {
  await client.query(
    `SELECT n.nspname, sum(pg_total_relation_size(c.oid)) FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r','m') GROUP BY 1 ORDER BY 2 DESC NULLS LAST`,
  );
  await client.query(`SELECT state, application_name, count(*) FROM pg_stat_activity GROUP BY 1, 2`);
  await client.query(`SELECT pid, query FROM pg_stat_activity WHERE state <> 'idle' ORDER BY query_start`);
  await client.query(`SELECT a.pid, b FROM pg_stat_activity a, unnest(pg_blocking_pids(a.pid)) b`);
  await client.query(unionAll);
}

const call = async () => {
  const r = await c.api.call('monitor.snapshot', { profileId: profile.id });
  if (!r.ok) throw new Error(r.error.message);
};
await call(); // warm the pool, as a screen refreshing on an interval has
await floor();
const floorS = await best(5, floor);
const lookS = await best(5, call);

console.log(
  JSON.stringify(
    {
      bench: 'monitor-snapshot',
      tenants: N,
      schemas: ledgers.length,
      floorHandWrittenSeconds: +floorS.toFixed(3),
      monitorSnapshotSeconds: +lookS.toFixed(3),
      ratio: +(lookS / floorS).toFixed(2),
      target:
        'ratio <= 2 (the look also checks privileges, reads the registry, sizes the database and writes the last-look file)',
    },
    null,
    2,
  ),
);
await client.end();
await c.close();
if (!db.keep) await dropDb(db.name);
