import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationStatus } from '../../../shared/model/migrations';
import { CLI, runCli } from '../../../../test/cli-helpers';
import { migrationFleet, type MigrationFleet } from './fleet-fixture.test-helper';

let fleet: MigrationFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], {
    cwd: path.resolve(__dirname, '../../../..'),
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(built.stderr);
});

const SLOW_0007 = 'SELECT pg_sleep(0.15);\nCREATE TABLE t7 (id int);\n';
const ADD_0008 = 'ALTER TABLE t7 ADD COLUMN y int;\n';

/** Per tenant: does it hold 0007's table, 0008's column, and their ledger rows? All four agree, or the tenant is half-migrated. */
async function tenantVersions(f: MigrationFleet): Promise<Map<string, 'old' | 'new' | 'half'>> {
  const c = await f.db.client();
  const out = new Map<string, 'old' | 'new' | 'half'>();
  for (const schema of f.seed.schemas) {
    const { rows } = await c.query(
      `SELECT to_regclass($1 || '.t7') IS NOT NULL AS t7,
              EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 't7' AND column_name = 'y') AS y,
              (SELECT count(*)::int FROM ${'"' + schema + '"'}.tenantry_migrations WHERE name IN ('0007_slow', '0008_add') AND state = 'applied') AS rows`,
      [schema],
    );
    const r = rows[0];
    out.set(schema, r.t7 && r.y && r.rows === 2 ? 'new' : !r.t7 && !r.y && r.rows === 0 ? 'old' : 'half');
  }
  return out;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function appliedCount(f: MigrationFleet): Promise<number> {
  const c = await f.db.client();
  const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 't7'`);
  return rows[0].n;
}

describe('faults', () => {
  it('a process killed with SIGKILL mid-run leaves every tenant fully old or fully new, and the lock free', async () => {
    fleet = await migrationFleet(14);
    fleet.project.add('tenant', '0007_slow.sql', SLOW_0007);
    fleet.project.add('tenant', '0008_add.sql', ADD_0008);
    const child = spawn(
      process.execPath,
      [CLI, 'migrate', '--url', fleet.db.url, '--project', fleet.project.dir, '--parallel', '2', '--yes', '--json'],
      {
        env: { ...process.env, TENANTRY_HOME: fleet.home.dir },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await waitFor(async () => (await appliedCount(fleet!)) >= 3);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const c = await fleet.db.client();
    await waitFor(
      async () =>
        (
          await c.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'tenantry%' AND state <> 'idle'`,
          )
        ).rows[0].n === 0,
    );
    const versions = [...(await tenantVersions(fleet)).values()];
    expect(versions).not.toContain('half');
    expect(versions).toContain('new');
    expect(versions).toContain('old');
    // The lock died with the killed session: a new run takes it and finishes the fleet.
    const run = await fleet.run({ parallel: 2 });
    expect(run.failed).toEqual([]);
    expect([...(await tenantVersions(fleet)).values()].every((v) => v === 'new')).toBe(true);
  });

  it('cancel rolls back running transactions and starts nothing more', async () => {
    fleet = await migrationFleet(14);
    fleet.project.add('tenant', '0007_slow.sql', SLOW_0007);
    fleet.project.add('tenant', '0008_add.sql', ADD_0008);
    const { jobId } = await fleet.call<{ jobId: string }>('migrations.apply', {
      profileId: fleet.profileId,
      parallel: 2,
    });
    await waitFor(async () => (await appliedCount(fleet!)) >= 2);
    fleet.core.jobs.cancel(jobId);
    const summary = await fleet.core.jobs.wait(jobId);
    expect(summary.state).toBe('cancelled');
    const run = summary.result as { cancelled: boolean; results: { state: string }[] };
    expect(run.cancelled).toBe(true);
    expect(run.results.some((r) => r.state === 'cancelled')).toBe(true);
    const versions = [...(await tenantVersions(fleet)).values()];
    expect(versions).not.toContain('half');
    expect(versions).toContain('old');
    const c = await fleet.db.client();
    const failedRows = await c.query(
      `SELECT count(*)::int AS n FROM (${fleet.seed.schemas.map((s) => `SELECT state FROM "${s}".tenantry_migrations`).join(' UNION ALL ')}) x WHERE state = 'failed'`,
    );
    expect(failedRows.rows[0].n).toBe(0);
  });

  it('a connection dropped mid-tenant fails only that tenant (CONNECTION_LOST), which stays at its old version', async () => {
    fleet = await migrationFleet(8);
    fleet.project.add('tenant', '0007_slow.sql', 'SELECT pg_sleep(0.4);\nCREATE TABLE t7 (id int);\n');
    fleet.project.add('tenant', '0008_add.sql', ADD_0008);
    const { jobId } = await fleet.call<{ jobId: string }>('migrations.apply', {
      profileId: fleet.profileId,
      parallel: 2,
      continueOnError: true,
    });
    const c = await fleet.db.client();
    let victim = 0;
    await waitFor(async () => {
      const { rows } = await c.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(0.4)%' AND state = 'active' LIMIT 1`,
      );
      victim = rows[0]?.pid ?? 0;
      return victim > 0;
    });
    await c.query('SELECT pg_terminate_backend($1)', [victim]);
    const summary = await fleet.core.jobs.wait(jobId);
    const run = summary.result as {
      failed: string[];
      results: { schema: string; state: string; error?: { code: string } }[];
    };
    expect(run.failed).toHaveLength(1);
    expect(run.results.find((r) => r.state === 'failed')?.error?.code).toBe('CONNECTION_LOST');
    const versions = await tenantVersions(fleet);
    expect(versions.get(run.failed[0])).toBe('old');
    expect([...versions.values()].filter((v) => v === 'new')).toHaveLength(
      run.results.filter((r) => r.state === 'applied').length,
    );
  });
});

describe('cli', () => {
  it('status exits 0 without --check and 1 with it when tenants are behind; migrate applies (0), drift refuses (3), bad usage (2)', async () => {
    fleet = await migrationFleet(5);
    const base = ['--url', fleet.db.url, '--project', fleet.project.dir, '--json'];
    const home = { home: fleet.home.dir };
    const plain = runCli(['status', ...base], home);
    expect(plain.code).toBe(0);
    const status = plain.json<MigrationStatus>().data;
    expect(status.tenants.find((t) => t.schema === fleet!.seed.behind[0])?.pending).toEqual([
      '0006_enrollment_is_active',
    ]);
    expect(runCli(['status', '--check', ...base], home).code).toBe(1);
    expect(runCli(['migrate', '--parallel', '0', ...base], home).code).toBe(2);
    const migrate = runCli(['migrate', '--yes', ...base], home);
    expect(migrate.code).toBe(0);
    expect(migrate.json<{ failed: string[]; total: number }>().data).toMatchObject({ failed: [], total: 2 });
    expect(migrate.stderr).toMatch(/\[\d+\/2\]/);
    expect(runCli(['status', '--check', ...base], home).code).toBe(0);
    fleet.project.add('tenant', '0002_student.sql', 'CREATE TABLE evaluations_student (id bigserial PRIMARY KEY);\n');
    fleet.project.add('tenant', '0007_more.sql', 'CREATE TABLE t7 (id int);\n');
    const drift = runCli(['migrate', '--yes', ...base], home);
    expect(drift.code).toBe(3);
    expect(drift.json().error.code).toBe('CHECKSUM_DRIFT');
    const rollback = runCli(['rollback', '0006', '--tenants', fleet.seed.schemas[0], ...base], home);
    expect(rollback.code).toBe(0);
    expect(rollback.json<{ results: { done: string[] }[] }>().data.results[0].done).toEqual([
      '0006_enrollment_is_active',
    ]);
  });
});
