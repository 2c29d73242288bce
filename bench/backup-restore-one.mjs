// Restoring one tenant from a fleet backup (TOC filtered with pg_restore -l / -L, then verified
// against the manifest) vs `pg_restore -n` of that schema alone into a database where the schema
// was created first (the floor), in this process (bench/cli-process.mjs times whole processes).
// The floors run PostgreSQL's own pg_restore (`pg_config --bindir`), not Debian's Perl wrapper.
// Within one process the product path hashes and lists the archive once: `oursFirstSeconds` is
// that first restore, `oursSeconds` the best of the later ones.
// Usage: node bench/backup-restore-one.mjs [--tenants 500] [--db NAME]
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, dropDb, flag, loadCore, newCore, run, seededDb, sql } from './backup-lib.mjs';

const N = Number(flag('tenants', '500'));
const pgRestore = (() => {
  try {
    const bin = path.join(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim(), 'pg_restore');
    return existsSync(bin) ? bin : 'pg_restore';
  } catch {
    return 'pg_restore';
  }
})();
const db = await seededDb('bench_backup_one', N);
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
const entry = await core.takeBackup(c, { profile, scope: 'fleet', reason: 'manual' });
const schema = entry.schemas[Math.floor(entry.schemas.length / 2)];
const file = entry.files[entry.manifest.find((m) => m.schema === schema).fileIndex].path;
const scratch = `bench_restore_target_${process.pid}`;
const target = await c.profiles.add({
  name: 'target',
  host: '127.0.0.1',
  port: 5432,
  database: scratch,
  user: 'postgres',
  sslmode: 'disable',
});

const measured = { floor: Infinity, ours: Infinity, toc: Infinity, oursFirst: 0 };
const listFile = path.join(tmpdir(), `bench-toc-${process.pid}.list`);
for (let i = 0; i < 4; i++) {
  await createDb(scratch);
  await sql(scratch, `CREATE SCHEMA "${schema}"`);
  let t = performance.now();
  await run(pgRestore, [
    '--host=127.0.0.1',
    '--port=5432',
    '--username=postgres',
    `--dbname=${scratch}`,
    '--exit-on-error',
    '--single-transaction',
    `--schema=${schema}`,
    file,
  ]);
  measured.floor = Math.min(measured.floor, (performance.now() - t) / 1000);
  await createDb(scratch);
  t = performance.now();
  writeFileSync(
    listFile,
    core.filterToc(execFileSync(pgRestore, ['--list', file], { encoding: 'utf8', maxBuffer: 1 << 28 }), schema),
  );
  await run(pgRestore, [
    '--host=127.0.0.1',
    '--port=5432',
    '--username=postgres',
    `--dbname=${scratch}`,
    '--exit-on-error',
    '--single-transaction',
    `--use-list=${listFile}`,
    file,
  ]);
  measured.toc = Math.min(measured.toc, (performance.now() - t) / 1000);
  await createDb(scratch);
  await c.pools.closeAll();
  t = performance.now();
  const { plan, failures } = await core.planRestore(c, entry.id, { tenant: schema, toProfileId: target.id });
  if (failures.length) throw failures[0];
  await core.runRestore(c, plan);
  if (i === 0) measured.oursFirst = (performance.now() - t) / 1000;
  else measured.ours = Math.min(measured.ours, (performance.now() - t) / 1000);
}
console.log(
  JSON.stringify(
    {
      bench: 'backup-restore-one',
      tenants: N,
      fleetFileMB: +(entry.files[0].bytes / 1e6).toFixed(1),
      floorPgRestoreNSeconds: +measured.floor.toFixed(3),
      tocFilteredSeconds: +measured.toc.toFixed(3),
      tocRatio: +(measured.toc / measured.floor).toFixed(2),
      oursFirstSeconds: +measured.oursFirst.toFixed(3),
      oursSeconds: +measured.ours.toFixed(3),
      ratio: +(measured.ours / measured.floor).toFixed(2),
      target: 'tocRatio <= 1.3',
      note: 'toc = pg_restore -l filtered + pg_restore -L; ours = the product path in this process: preflight (sha256 and pg_restore -l the first time) + journaled TOC-filtered pg_restore -L + row-count verification + audit lines',
    },
    null,
    2,
  ),
);
await c.close();
await dropDb(scratch);
if (!db.keep) await dropDb(db.name);
