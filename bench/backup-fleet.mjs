// Fleet backup of N tenants vs one whole-database `pg_dump -Fc` (the floor), and the per-tenant
// `pg_dump -n` loop (sampled, extrapolated). Usage: node bench/backup-fleet.mjs [--tenants 500] [--db NAME]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { best, dropDb, flag, loadCore, newCore, run, seededDb, tenantSchemas, time } from './backup-lib.mjs';

const N = Number(flag('tenants', '500'));
const SAMPLE = Math.min(20, N);
const db = await seededDb('bench_backup_fleet', N);
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
const out = mkdtempSync(path.join(tmpdir(), 'bench-fleet-'));
const conn = ['--host=127.0.0.1', '--port=5432', '--username=postgres', `--dbname=${db.name}`];

const floor = await best(3, () => run('pg_dump', [...conn, '-Fc', '-f', path.join(out, 'whole.dump')]));
const fleet = await best(3, () => core.takeBackup(c, { profile, scope: 'fleet', reason: 'manual' }));
const sample = await tenantSchemas(db.name, SAMPLE);
const loop = await time(async () => {
  for (const s of sample) await run('pg_dump', [...conn, '-Fc', `--schema="${s}"`, '-f', path.join(out, `${s}.dump`)]);
});
const loopFull = (loop / sample.length) * N;

console.log(
  JSON.stringify(
    {
      bench: 'backup-fleet',
      tenants: N,
      floorWholeDbSeconds: +floor.toFixed(3),
      fleetBackupSeconds: +fleet.toFixed(3),
      ratio: +(fleet / floor).toFixed(2),
      perTenantLoopSeconds: +loopFull.toFixed(1),
      loopVsFleet: +(loopFull / fleet).toFixed(0),
      target: 'ratio <= 1.2',
    },
    null,
    2,
  ),
);
await c.close();
rmSync(out, { recursive: true, force: true });
if (!db.keep) await dropDb(db.name);
