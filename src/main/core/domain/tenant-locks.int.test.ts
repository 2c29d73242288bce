import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import { createCore } from '../create-core';
import { findPgTools } from '../backups/pg-tools';
import { TENANT_LOCK_CLASS, tenantLockKey } from './tenant-locks';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let project: string;
let client: pg.Client;
/** Holds the gate row of the slow migration (its own session: pg_stat_activity is a snapshot inside a transaction). */
let gate: pg.Client;
let tenant: string;
let backupId: string;
const cli = (args: string[]) =>
  runCli(['--url', db.url, '--project', project, '--json', '--yes', ...args], { home: home.dir });
const cliAsync = (args: string[]) =>
  runCliAsync(['--url', db.url, '--project', project, '--json', '--yes', ...args], { home: home.dir });

/** Polls the database until `sql` returns a row: waits for another process to reach a state, never for a time. */
async function until(sql: string, params: unknown[] = []): Promise<void> {
  for (;;) {
    if ((await client.query(sql, params)).rowCount) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const migrateHoldsTenant = () =>
  until(
    `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND a.wait_event_type = 'Lock'`,
    [TENANT_LOCK_CLASS, tenantLockKey(tenant)],
  );

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase();
  home = tempHome();
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-lock-project-'));
  cpSync(sampleProjectDir(), project, { recursive: true });
  // A slow migration that we control: its transaction commits only when the test lets go of the gate row.
  writeFileSync(
    path.join(project, 'migrations', 'tenant', '0007_slow_marker.sql'),
    'CREATE TABLE slow_marker (id int);\nINSERT INTO slow_marker VALUES (7);\nUPDATE public.lock_test_gate SET n = n + 1 WHERE id = 1;\n',
  );
  writeFileSync(path.join(project, 'migrations', 'tenant', '0007_slow_marker.down.sql'), 'DROP TABLE slow_marker;\n');
  expect(
    runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '2', '--students', '5', '--json'], {
      home: home.dir,
    }).code,
  ).toBe(0);
  client = await db.client();
  gate = await db.client();
  await client.query(
    'CREATE TABLE public.lock_test_gate (id int PRIMARY KEY, n int NOT NULL); INSERT INTO public.lock_test_gate VALUES (1, 0)',
  );
  const status = cli(['status']).json<{ tenants: { schema: string; pending: string[]; shared?: boolean }[] }>();
  tenant = status.data.tenants.find((t) => !t.shared && t.pending.length === 1)!.schema;
  const backup = cli(['backup', '--tenant', tenant]);
  expect(backup.code).toBe(0);
  backupId = backup.json<{ id: string }>().data.id;
});

afterAll(async () => {
  await gate?.query('ROLLBACK').catch(() => undefined);
  await db.drop();
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

describe('tenant locks across processes', () => {
  it('refuses a restore during a slow migration of the same tenant (exit 3, naming the holder), then serialises one that waits, keeping the migration in the safety backup', async () => {
    await gate.query('BEGIN');
    await gate.query('SELECT * FROM public.lock_test_gate WHERE id = 1 FOR UPDATE');
    const migrate = cliAsync(['migrate', '--tenants', tenant, '--lock-timeout', '600000']);
    await migrateHoldsTenant();

    const refused = cli(['--lock-wait', '1', 'restore', backupId, '--tenant', tenant]);
    expect(refused.code).toBe(3);
    const error = refused.json().error;
    expect(error.code).toBe('TENANT_LOCKED');
    expect(error.message).toContain(`tenantry migrate ${tenant}`);
    expect(error.message).toMatch(/server pid \d+, user postgres/);
    expect(error.hint).toContain('--lock-wait');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const audit = runCli(['audit', 'list', '--json'], { home: home.dir }).json<{
      lines: { action: string; target?: string; result: string }[];
    }>().data.lines;
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'backup.restore', target: tenant, result: 'refused' }),
    );

    // The same restore, willing to wait: it starts only once the migration has committed.
    const waiting = cliAsync(['--lock-wait', '300', 'restore', backupId, '--tenant', tenant]);
    await until(`SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'tenantry restore %'`);
    await gate.query('COMMIT');
    const migrated = await migrate.done;
    expect(migrated.code).toBe(0);
    const restored = await waiting.done;
    expect(restored.code).toBe(0);
    const result = restored.json<{ safetyBackupId: string }>().data;
    expect(result.safetyBackupId).toBeTruthy();

    // The migration's committed work is kept: it is in the safety backup taken under the lock.
    const list = cli(['backups', 'list']).json<{ backups: { id: string; files: { path: string }[] }[] }>().data.backups;
    const file = list.find((b) => b.id === result.safetyBackupId)!.files[0].path;
    const tools = await findPgTools(15);
    const toc = execFileSync(tools.pgRestore, ['--list', file], { encoding: 'utf8' });
    expect(toc).toMatch(new RegExp(`TABLE DATA ${tenant} slow_marker`));
    // …and the live schema is the backup's again, with a ledger that says so.
    const { rows } = await client.query(`SELECT to_regclass($1) AS marker`, [`${tenant}.slow_marker`]);
    expect(rows[0].marker).toBeNull();
    expect(
      cli(['status'])
        .json<{ tenants: { schema: string; pending: string[] }[] }>()
        .data.tenants.find((t) => t.schema === tenant)!.pending,
    ).toEqual(['0007_slow_marker']);
  });

  it('refuses a suspend, a drop, an action, a baseline, a restore and a fix on a held tenant with TENANT_LOCKED; a --lock-wait that is not seconds is bad usage', async () => {
    await client.query('SELECT pg_advisory_lock($1, $2)', [TENANT_LOCK_CLASS, tenantLockKey(tenant)]);
    try {
      const suspend = cli(['--lock-wait', '0', 'tenants', 'suspend', tenant]);
      expect(suspend.code).toBe(3);
      expect(suspend.json().error.code).toBe('TENANT_LOCKED');
      expect(suspend.stderr).toContain('Another operation is changing this tenant; nothing was done.');
      const spanish = runCli(
        ['--url', db.url, '--project', project, '--lock-wait', '0', 'tenants', 'suspend', tenant, '--yes'],
        { home: home.dir, env: { LANG: 'es_AR.UTF-8', LC_ALL: '', LC_MESSAGES: '' } },
      );
      expect(spanish.code).toBe(3);
      expect(spanish.stderr).toContain('Otra operación está cambiando este inquilino; no se hizo nada.');
      const drop = cli(['--lock-wait', '0', 'tenants', 'drop', tenant, '--confirm', tenant]);
      expect(drop.code).toBe(3);
      expect(drop.json().error.code).toBe('TENANT_LOCKED');
      expect((await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [tenant])).rowCount).toBe(1);
      const action = cli(['--lock-wait', '0', 'action', 'run', 'rotate_tokens', '--tenants', tenant]);
      expect(action.code).toBe(1);
      const report = action.json<{ tenants: { tenant: string; state: string; error?: { code: string } }[] }>().data;
      expect(report.tenants).toEqual([
        expect.objectContaining({ tenant, state: 'failed', error: expect.objectContaining({ code: 'TENANT_LOCKED' }) }),
      ]);
      const baseline = cli(['--lock-wait', '0', 'baseline', '--to', '0006', '--tenants', tenant]);
      expect(baseline.code).toBe(1);
      expect(baseline.json<{ failed: { tenant: string; code: string }[] }>().data.failed).toEqual([
        expect.objectContaining({ tenant, code: 'TENANT_LOCKED' }),
      ]);
      // The contract's own wait, for callers without the CLI flag (the desktop app, browser mode).
      const core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null });
      try {
        const profileId = (await core.profiles.add({ ...db.settings, name: 'locks-in-process', projectDir: project }))
          .id;
        const started = await core.api.call('backups.restore', {
          id: backupId,
          tenant,
          toProfileId: profileId,
          lockWaitSeconds: 0,
        });
        expect(started.ok).toBe(true);
        const job = await core.jobs.wait((started as { data: { jobId: string } }).data.jobId);
        expect(job.state).toBe('failed');
        expect(job.error?.code).toBe('TENANT_LOCKED');
        const fix = await core.api.call('checks.fixApply', {
          profileId,
          check: 'student_without_enrollment',
          tenants: [{ tenant, expected: 0 }],
        });
        expect(fix.ok).toBe(true);
        const fixed = await core.jobs.wait((fix as { data: { jobId: string } }).data.jobId);
        expect(
          (fixed.result as { outcomes: { tenant: string; status: string; error?: { code: string } }[] }).outcomes,
        ).toEqual([
          expect.objectContaining({
            tenant,
            status: 'failed',
            error: expect.objectContaining({ code: 'TENANT_LOCKED' }),
          }),
        ]);
      } finally {
        await core.close();
      }
      const bad = cli(['--lock-wait', 'soon', 'tenants', 'suspend', tenant]);
      expect(bad.code).toBe(2);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [TENANT_LOCK_CLASS, tenantLockKey(tenant)]);
    }
  });
});
