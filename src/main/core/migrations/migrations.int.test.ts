import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationPlan, MigrationStatus } from '../../../shared/model/migrations';
import { acquireMigrationLock } from '../domain/ledger/advisory-lock';
import { errorCode, migrationFleet, type MigrationFleet } from './fleet-fixture.test-helper';

let fleet: MigrationFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

async function ledger(
  f: MigrationFleet,
  schema: string,
): Promise<
  { name: string; state: string; duration_ms: number | null; applied_by: string | null; error: string | null }[]
> {
  const c = await f.db.client();
  const { rows } = await c.query(
    `SELECT name, state, duration_ms, applied_by, error FROM "${schema}".tenantry_migrations ORDER BY name`,
  );
  return rows;
}

async function scalar<T>(f: MigrationFleet, sql: string): Promise<T> {
  const c = await f.db.client();
  const { rows } = await c.query(sql);
  return Object.values(rows[0])[0] as T;
}

describe('apply', () => {
  it('migrates the behind tenants (a tenant at 0004 gets 0005+0006 in one transaction despite deferred FKs) and then costs nothing', async () => {
    fleet = await migrationFleet(8);
    const before = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    expect(before.counts.behind).toBe(2);
    const run = await fleet.run({ parallel: 2 });
    expect(run.failed).toEqual([]);
    expect(run.results.map((r) => r.state)).toEqual(['applied', 'applied']);
    expect(run.skippedMissing).toEqual([fleet.seed.missingSchema]);
    const atFour = fleet.seed.behind[1];
    expect(run.results.find((r) => r.schema === atFour)?.done).toEqual([
      '0005_copy_students_to_enrollments',
      '0006_enrollment_is_active',
    ]);
    const rows = await ledger(fleet, atFour);
    expect(rows.map((r) => r.state)).toEqual(Array(6).fill('applied'));
    expect(rows.at(-1)?.applied_by).toBeTruthy();
    expect(await scalar<number>(fleet, `SELECT count(*)::int FROM "${atFour}".clases_enrollment WHERE is_active`)).toBe(
      5,
    );
    const after = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    expect(after.counts.behind).toBe(0);
    const again = await fleet.run({});
    expect(again.total).toBe(0);
    const audit = await fleet.core.audit.readAll();
    expect(audit.filter((a) => a.action === 'migrations.apply').map((a) => a.result)).toEqual([
      'intent',
      'ok',
      'intent',
      'ok',
    ]);
  });

  it('keeps a failing tenant at its old version, names it and the statement, and retries only the failed', async () => {
    fleet = await migrationFleet(6);
    fleet.project.add(
      'tenant',
      '0007_unique_student_name.sql',
      'ALTER TABLE clases_group ADD COLUMN code text;\nCREATE UNIQUE INDEX evaluations_student_name_uniq ON evaluations_student (name);\n',
    );
    fleet.project.add('tenant', '0008_group_note.sql', 'ALTER TABLE clases_group ADD COLUMN note text;\n');
    const bad = fleet.seed.schemas[3];
    const c = await fleet.db.client();
    await c.query(`INSERT INTO "${bad}".evaluations_student (name) VALUES ('Estudiante 1')`);
    const run = await fleet.run({ parallel: 2, continueOnError: true });
    expect(run.failed).toEqual([bad]);
    const failed = run.results.find((r) => r.schema === bad)!;
    expect(failed).toMatchObject({
      state: 'failed',
      failedMigration: '0007_unique_student_name',
      error: { code: 'MIGRATION_FAILED', sqlstate: '23505' },
    });
    expect(failed.statement).toContain('CREATE UNIQUE INDEX evaluations_student_name_uniq');
    expect(failed.error?.message).toContain(bad);
    // All or nothing: the column added by the same file's first statement is not there either.
    expect(
      await scalar<number>(
        fleet,
        `SELECT count(*)::int FROM information_schema.columns WHERE table_schema = '${bad}' AND table_name = 'clases_group' AND column_name IN ('code', 'note')`,
      ),
    ).toBe(0);
    expect((await ledger(fleet, bad)).filter((r) => r.name >= '0007')).toMatchObject([
      { name: '0007_unique_student_name', state: 'failed' },
    ]);
    const good = fleet.seed.schemas[0];
    expect((await ledger(fleet, good)).filter((r) => r.state === 'applied')).toHaveLength(8);
    const status = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    // This tenant was at 0004: 0005 and 0006 ran in the same transaction and were rolled back with 0007.
    expect(status.tenants.find((t) => t.schema === bad)).toMatchObject({
      failed: ['0007_unique_student_name'],
      pending: [
        '0005_copy_students_to_enrollments',
        '0006_enrollment_is_active',
        '0007_unique_student_name',
        '0008_group_note',
      ],
    });
    expect(status.counts.failed).toBe(1);

    await c.query(
      `DELETE FROM "${bad}".evaluations_student WHERE id = (SELECT max(id) FROM "${bad}".evaluations_student)`,
    );
    const retry = await fleet.run({ retryFailed: true });
    expect(retry.results.map((r) => [r.schema, r.state])).toEqual([[bad, 'applied']]);
    expect((await ledger(fleet, bad)).filter((r) => r.name >= '0007').map((r) => [r.state, r.error])).toEqual([
      ['applied', null],
      ['applied', null],
    ]);
  });

  it('stops starting tenants after the first failure unless told to continue', async () => {
    fleet = await migrationFleet(6);
    fleet.project.add(
      'tenant',
      '0007_fail_first.sql',
      `DO $$ BEGIN IF current_schema() = '${'X'}' THEN RAISE EXCEPTION 'boom'; END IF; END $$;\nCREATE TABLE t7 (id int);\n`,
    );
    const status = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    const first = status.tenants.find((t) => !t.shared && t.status !== 'missing')!.schema;
    fleet.project.add(
      'tenant',
      '0007_fail_first.sql',
      `DO $$ BEGIN IF current_schema() = '${first}' THEN RAISE EXCEPTION 'boom in %', current_schema(); END IF; END $$;\nCREATE TABLE t7 (id int);\n`,
    );
    const run = await fleet.run({ parallel: 1 });
    expect(run.failed).toEqual([first]);
    expect(run.results.filter((r) => r.state === 'skipped').length).toBe(run.total - 1);
    expect(await scalar<number>(fleet, `SELECT count(*)::int FROM pg_class WHERE relname = 't7'`)).toBe(0);
  });

  it('runs a no-transaction file on its own segment, and a dry run lists it as not dry-runnable', async () => {
    fleet = await migrationFleet(4);
    fleet.project.add(
      'tenant',
      '0007_student_name_idx.sql',
      '-- tenantry:no-transaction\nCREATE INDEX CONCURRENTLY evaluations_student_name_idx ON evaluations_student (name);\n',
    );
    fleet.project.add('tenant', '0008_group_note.sql', 'ALTER TABLE clases_group ADD COLUMN note text;\n');
    const dry = await fleet.run({ dryRun: true });
    expect(dry.kind).toBe('dry-run');
    expect(
      dry.results.every((r) => r.state === 'dry-run-ok' && r.notDryRunnable?.includes('0007_student_name_idx')),
    ).toBe(true);
    expect(
      await scalar<number>(fleet, `SELECT count(*)::int FROM information_schema.columns WHERE column_name = 'note'`),
    ).toBe(0);
    const run = await fleet.run({});
    expect(run.failed).toEqual([]);
    expect(
      await scalar<number>(
        fleet,
        `SELECT count(*)::int FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'evaluations_student_name_idx' AND i.indisvalid`,
      ),
    ).toBe(run.total);
  });
});

describe('refusals', () => {
  it('blocks applying while a file has drifted (CHECKSUM_DRIFT) and shows it in status and plan', async () => {
    fleet = await migrationFleet(4);
    fleet.project.add('tenant', '0001_group.sql', 'CREATE TABLE clases_group (id bigserial PRIMARY KEY, name text);\n');
    const status = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    expect(status.counts.drifted).toBe(4 + 0);
    const plan = await fleet.call<MigrationPlan>('migrations.plan', { profileId: fleet.profileId });
    expect(plan.drifted.length).toBeGreaterThan(0);
    expect(await errorCode(fleet.call('migrations.apply', { profileId: fleet.profileId }))).toBe('CHECKSUM_DRIFT');
    const audit = await fleet.core.audit.readAll();
    expect(audit.at(-1)).toMatchObject({ action: 'migrations.apply', result: 'refused' });
  });

  it('refuses while another session holds the advisory lock, naming it (LOCK_HELD)', async () => {
    fleet = await migrationFleet(3);
    const holder = new pg.Client({ connectionString: fleet.db.url });
    await holder.connect();
    try {
      await acquireMigrationLock(holder, 'holder-for-test');
      const env = await fleet.core.api.call('migrations.apply', { profileId: fleet.profileId });
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('LOCK_HELD');
        expect(env.error.message).toContain('tenantry holder-for-test');
        expect(env.error.message).toContain(`pid ${(holder as unknown as { processID: number }).processID}`);
      }
    } finally {
      await holder.end();
    }
    const run = await fleet.run({});
    expect(run.failed).toEqual([]);
  });

  it('on production needs --confirm-database, then confirmation of destructive statements', async () => {
    fleet = await migrationFleet(3, 5, { environment: 'production' });
    fleet.project.add('tenant', '0007_drop_student.sql', 'DROP TABLE evaluations_student;\n');
    const plan = await fleet.call<MigrationPlan>('migrations.plan', { profileId: fleet.profileId });
    expect(plan.destructive).toBe(true);
    expect(plan.files.find((f) => f.name === '0007_drop_student')?.destructive).toEqual([
      'drop: DROP TABLE evaluations_student',
    ]);
    expect(await errorCode(fleet.call('migrations.apply', { profileId: fleet.profileId }))).toBe(
      'CONFIRMATION_REQUIRED',
    );
    expect(
      await errorCode(fleet.call('migrations.apply', { profileId: fleet.profileId, confirmDatabase: fleet.db.name })),
    ).toBe('DESTRUCTIVE_NOT_CONFIRMED');
  });

  it('refuses two migrations with the same number (DUPLICATE_MIGRATION)', async () => {
    fleet = await migrationFleet(2);
    fleet.project.add('tenant', '0006_other.sql', 'SELECT 1;\n');
    expect(await errorCode(fleet.call('migrations.status', { profileId: fleet.profileId }))).toBe(
      'DUPLICATE_MIGRATION',
    );
  });
});

describe('rollback', () => {
  it('undoes NAME and every newer migration newest first with down files, and refuses a missing down file', async () => {
    fleet = await migrationFleet(6);
    const [a, b, c] = fleet.seed.schemas;
    const run = await fleet.run({ name: '0005_copy_students_to_enrollments', tenants: [a, b] }, 'migrations.rollback');
    expect(run.results.map((r) => [r.schema, r.state, r.done])).toEqual([
      [a, 'rolled-back', ['0006_enrollment_is_active', '0005_copy_students_to_enrollments']],
      [b, 'rolled-back', ['0006_enrollment_is_active', '0005_copy_students_to_enrollments']],
    ]);
    expect((await ledger(fleet, a)).map((r) => r.name)).toEqual([
      '0001_group',
      '0002_student',
      '0003_student_group_index',
      '0004_enrollment',
    ]);
    expect(await scalar<number>(fleet, `SELECT count(*)::int FROM "${a}".clases_enrollment`)).toBe(0);
    expect(
      await scalar<number>(
        fleet,
        `SELECT count(*)::int FROM information_schema.columns WHERE table_schema = '${a}' AND column_name = 'is_active'`,
      ),
    ).toBe(0);
    expect((await ledger(fleet, c)).length).toBe(6);
    const audit = await fleet.core.audit.readAll();
    expect(audit.at(-1)).toMatchObject({ action: 'migrations.rollback', result: 'ok' });

    rmSync(path.join(fleet.project.dir, 'migrations', 'tenant', '0004_enrollment.down.sql'));
    expect(
      await errorCode(
        fleet.call('migrations.rollback', {
          profileId: fleet.profileId,
          name: '0003_student_group_index',
          tenants: [c],
        }),
      ),
    ).toBe('DOWN_FILE_MISSING');
    expect((await ledger(fleet, c)).length).toBe(6);
    expect(
      await errorCode(
        fleet.call('migrations.rollback', { profileId: fleet.profileId, name: '0006', tenants: [fleet.seed.orphan] }),
      ),
    ).toBe('TENANT_NOT_FOUND');
    expect(
      await errorCode(fleet.call('migrations.apply', { profileId: fleet.profileId, tenants: [fleet.seed.orphan] })),
    ).toBe('TENANT_NOT_FOUND');
  });
});
