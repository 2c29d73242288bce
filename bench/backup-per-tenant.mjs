// Per-tenant backups of 200 tenants (one catalog entry, bounded pool of 2, snapshot + manifest)
// vs the same `pg_dump -n` calls run two at a time. Usage: node bench/backup-per-tenant.mjs [--tenants 200] [--db NAME]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { best, dropDb, flag, loadCore, newCore, pool, run, seededDb, tenantSchemas } from './backup-lib.mjs';

const N = Number(flag('tenants', '200'));
const db = await seededDb('bench_backup_each', N);
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
const schemas = await tenantSchemas(db.name, N);
const out = mkdtempSync(path.join(tmpdir(), 'bench-each-'));
const conn = ['--host=127.0.0.1', '--port=5432', '--username=postgres', `--dbname=${db.name}`];

const floor = await best(2, () =>
  pool(schemas, 2, (s) => run('pg_dump', [...conn, '-Fc', `--schema="${s}"`, '-f', path.join(out, `${s}.dump`)])),
);
const ours = await best(2, () =>
  core.takeBackup(c, { profile, scope: 'tenant', schemas, reason: 'manual' }, { parallel: 2 }),
);
console.log(
  JSON.stringify(
    {
      bench: 'backup-per-tenant',
      tenants: schemas.length,
      floorTwoAtATimeSeconds: +floor.toFixed(2),
      oursSeconds: +ours.toFixed(2),
      ratio: +(ours / floor).toFixed(2),
      target: 'ratio <= 1.2',
    },
    null,
    2,
  ),
);
await c.close();
rmSync(out, { recursive: true, force: true });
if (!db.keep) await dropDb(db.name);
