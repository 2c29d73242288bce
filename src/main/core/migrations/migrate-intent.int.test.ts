import { promises as fs, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../../../test/cli-helpers';
import type { AuditLineView } from '../../../shared/model/audit';
import type { MigrationRun } from '../../../shared/model/migrations';
import { migrationFleet, type MigrationFleet } from './fleet-fixture.test-helper';

let fleet: MigrationFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const SLOW = 'SELECT pg_sleep(30);\nCREATE TABLE t_slow (id int);\n';

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}

describe('migrate writes its intent before it touches a tenant', () => {
  it('a migrate killed with SIGKILL mid-run has its intent line in the audit log', async () => {
    fleet = await migrationFleet(3);
    fleet.project.add('tenant', '0007_slow.sql', SLOW);
    const run = runCliAsync(
      ['migrate', '--url', fleet.db.url, '--project', fleet.project.dir, '--parallel', '1', '--yes', '--json'],
      { home: fleet.home.dir },
    );
    const c = await fleet.db.client();
    // A tenant is being migrated: the slow file runs in the database.
    await until(
      async () =>
        (
          await c.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'`,
          )
        ).rowCount! > 0,
    );
    run.child.kill('SIGKILL');
    await run.done;

    const listed = runCli(['--json', 'audit', 'list', '--action', 'migrations.apply'], { home: fleet.home.dir });
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.json<{ lines: AuditLineView[] }>().data.lines;
    expect(lines.map((l) => l.result)).toEqual(['intent']);
    expect(lines[0]).toMatchObject({ action: 'migrations.apply', database: fleet.db.name });
    expect(runCli(['--json', 'audit', 'verify'], { home: fleet.home.dir }).code).toBe(0);
  });

  it('when the outcome line cannot be written after the run, the run still reports its work (with a warning), not "not performed"', async () => {
    fleet = await migrationFleet(2);
    fleet.project.add('tenant', '0007_slow.sql', 'SELECT pg_sleep(1);\nCREATE TABLE t_done (id int);\n');
    const { jobId } = await fleet.call<{ jobId: string }>('migrations.apply', {
      profileId: fleet.profileId,
      parallel: 1,
    });
    await until(async () =>
      (await fleet!.core.audit.readAll()).some((l) => l.action === 'migrations.apply' && l.result === 'intent'),
    );
    // The anchor cannot be replaced any more: every later append fails.
    await fs.rm(fleet.core.audit.headFile);
    await fs.mkdir(fleet.core.audit.headFile);
    const summary = await fleet.core.jobs.wait(jobId);
    expect(summary.state, summary.error?.message).toBe('succeeded');
    const run = summary.result as MigrationRun;
    expect(run.failed).toEqual([]);
    expect(run.warnings.join(' ')).toMatch(/outcome of this run could not be written to the audit log/);
    const c = await fleet.db.client();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 't_done'`);
    expect(rows[0].n).toBe(2);
  });

  it('when the intent line cannot be written, migrate is refused and no tenant is touched', async () => {
    fleet = await migrationFleet(2);
    fleet.project.add('tenant', '0007_table.sql', 'CREATE TABLE t_new (id int);\n');
    const auditDir = path.join(fleet.home.dir, 'audit');
    await fs.mkdir(auditDir, { recursive: true });
    // A full disk for the audit log.
    symlinkSync('/dev/full', path.join(auditDir, `${new Date().toISOString().slice(0, 7)}.jsonl`));
    const run = runCli(['migrate', '--url', fleet.db.url, '--project', fleet.project.dir, '--yes', '--json'], {
      home: fleet.home.dir,
    });
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('AUDIT_WRITE_FAILED');
    const c = await fleet.db.client();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 't_new'`);
    expect(rows[0].n).toBe(0);
  });
});
