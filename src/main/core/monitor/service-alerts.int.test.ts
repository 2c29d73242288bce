import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { Output } from '../../../shared/contract';
import type { MigrationRun } from '../../../shared/model/migrations';
import { sampleDomainsDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { serviceAlerts } from './service-alerts';

type Snapshot = Output<'monitor.snapshot'>;

let db: TestDatabase;
let client: pg.Client;
let home: ReturnType<typeof tempHome>;
let project: string;
let core: Core;
let profileId: string;

async function call<T>(method: string, input: Record<string, unknown>): Promise<T> {
  const env = await core.api.call(method, { profileId, ...input });
  if (!env.ok) throw Object.assign(new Error(env.error.message), env.error);
  return env.data as T;
}
const snapshot = (thresholds: Record<string, number> = {}) => call<Snapshot>('monitor.snapshot', { thresholds });
const kinds = (s: Snapshot) => s.alerts.map((a) => `${a.kind}:${a.target}`);

beforeAll(async () => {
  db = await createTestDatabase('tenantry_alerts');
  client = await db.client();
  home = tempHome();
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-alerts-'));
  cpSync(sampleDomainsDir(), project, { recursive: true });
  // A slow file in one schema: its run time is what the slow-migration alert and the per-schema times read.
  writeFileSync(
    path.join(project, 'migrations', 'analytics', '0002_backfill.sql'),
    'SELECT pg_sleep(1.2);\nCREATE TABLE backfill_marks (day date PRIMARY KEY);\n',
  );
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profileId = (await core.profiles.add({ ...db.settings, projectDir: project })).id;
  const { jobId } = await call<{ jobId: string }>('migrations.apply', {});
  const run = (await core.jobs.wait(jobId)).result as MigrationRun;
  expect(run.failed).toEqual([]);
}, 60_000);
afterAll(async () => {
  await core.close();
  await db.drop();
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

describe('the migration service alerts (failed migrations, failed backups, connections, disk, run times)', () => {
  it('run times per schema come from the ledgers; a file over migrationSeconds raises a slow-migration alert', async () => {
    const quiet = await snapshot();
    expect(kinds(quiet).filter((k) => k.startsWith('slow_migration'))).toEqual([]);
    const analytics = quiet.runTimes?.find((r) => r.schema === 'analytics');
    expect(analytics).toMatchObject({ migrations: 2, slowest: '0002_backfill' });
    expect(analytics!.slowestMs).toBeGreaterThanOrEqual(1200);
    expect(quiet.runTimes?.map((r) => r.schema)).toEqual(expect.arrayContaining(['public', 'auth', 'chat']));
    expect(kinds(await snapshot({ migrationSeconds: 1 }))).toContain('slow_migration:analytics');
  });

  it('a failed migration attempt raises an alert naming its schema', async () => {
    writeFileSync(
      path.join(project, 'migrations', 'chat', '0002_broken.sql'),
      'ALTER TABLE no_such_table ADD COLUMN x int;\n',
    );
    const { jobId } = await call<{ jobId: string }>('migrations.apply', {});
    expect(((await core.jobs.wait(jobId)).result as MigrationRun).failed).toEqual(['chat']);
    const s = await snapshot();
    expect(s.alerts.find((a) => a.kind === 'migration_failed')).toMatchObject({
      target: 'chat',
      message: expect.stringContaining('0002_broken'),
    });
    rmSync(path.join(project, 'migrations', 'chat', '0002_broken.sql'));
    await client.query(`DELETE FROM chat.tenantry_migrations WHERE state = 'failed'`);
    expect(kinds(await snapshot())).not.toContain('migration_failed:chat');
  });

  it('a failed backup raises an alert until a later backup succeeds', async () => {
    const failed = await core.api.call('backups.create', { profileId, scope: 'tenant', schemas: ['no_such_schema'] });
    if (failed.ok) await core.jobs.wait((failed.data as { jobId: string }).jobId);
    expect(kinds(await snapshot())).toContain('backup_failed:no_such_schema');
    const good = await call<{ jobId: string }>('backups.create', { scope: 'tenant', schemas: ['auth'] });
    expect((await core.jobs.wait(good.jobId)).state).toBe('succeeded');
    expect(kinds(await snapshot()).filter((k) => k.startsWith('backup_failed'))).toEqual([]);
  });

  it('too many connections is measured against max_connections', async () => {
    const s = await snapshot({ connectionsPercent: 0.1 });
    const max = Number((await client.query(`SELECT current_setting('max_connections') AS m`)).rows[0].m);
    expect(s.connections.max).toBe(max);
    expect(s.alerts.find((a) => a.kind === 'connections')?.message).toContain(`of ${max} connections`);
  });

  it('low disk where the server runs on this machine: the data directory volume is measured', async () => {
    const s = await snapshot({ diskFreePercent: 100 });
    expect(s.disk?.totalBytes).toBeGreaterThan(0);
    expect(s.alerts.find((a) => a.kind === 'disk_low')?.target).toBe(s.disk?.path);
    expect(kinds(await snapshot({ diskFreePercent: 0 })).filter((k) => k.startsWith('disk_low'))).toEqual([]);
  });
});

describe('growth instead of free space', () => {
  it('without a visible disk, database growth between two looks is held against growthMb', () => {
    const base = { migrations: [], runTimes: [], backupFailures: [], disk: undefined };
    const thresholds = {
      schemaMb: 1024,
      querySeconds: 60,
      connectionsPercent: 80,
      diskFreePercent: 10,
      growthMb: 1,
      migrationSeconds: 300,
    };
    expect(
      serviceAlerts({ ...base, databaseBytes: 5 * 1024 * 1024, previousDatabaseBytes: 1024 * 1024 }, thresholds).map(
        (a) => a.kind,
      ),
    ).toEqual(['database_growth']);
    expect(
      serviceAlerts({ ...base, databaseBytes: 1024 * 1024, previousDatabaseBytes: 1024 * 1024 }, thresholds),
    ).toEqual([]);
    expect(serviceAlerts({ ...base, databaseBytes: 9e9, previousDatabaseBytes: null }, thresholds)).toEqual([]);
  });
});
