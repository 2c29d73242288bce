import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationStatus } from '../../../shared/model/migrations';
import { runCli } from '../../../../test/cli-helpers';
import { errorCode, migrationFleet, type MigrationFleet } from './fleet-fixture.test-helper';

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

/** 0007 fails in the named schemas (a planted failure), creates t7 elsewhere. */
function failingIn(schemas: string[]): string {
  const list = schemas.map((s) => `'${s}'`).join(', ');
  return `DO $$ BEGIN IF current_schema() IN (${list}) THEN RAISE EXCEPTION 'planted failure'; END IF; END $$;\nCREATE TABLE t7 (id int);\n`;
}

/** Working tenants sorted by schema name, as the waves take them. */
async function workingTenants(f: MigrationFleet): Promise<string[]> {
  const status = await f.call<MigrationStatus>('migrations.status', { profileId: f.profileId });
  return status.tenants
    .filter((t) => !t.shared && t.status !== 'missing')
    .map((t) => t.schema)
    .sort();
}

async function withT7(f: MigrationFleet): Promise<Set<string>> {
  const c = await f.db.client();
  const { rows } = await c.query<{ s: string }>(
    `SELECT relnamespace::regnamespace::text AS s FROM pg_class WHERE relname = 't7'`,
  );
  return new Set(rows.map((r) => r.s.replace(/"/g, '')));
}

describe('staged waves', () => {
  it('a canary wave stops on a planted failure with the rest untouched; a re-run resumes where it stopped', async () => {
    fleet = await migrationFleet(12);
    const tenants = await workingTenants(fleet);
    // The failure depends on data (a blocker table), so the file stays the same when it is fixed.
    fleet.project.add(
      'tenant',
      '0007_t7.sql',
      `DO $$ BEGIN IF to_regclass(current_schema() || '.block_t7') IS NOT NULL THEN RAISE EXCEPTION 'planted failure'; END IF; END $$;\nCREATE TABLE t7 (id int);\n`,
    );
    const c = await fleet.db.client();
    await c.query(`CREATE TABLE "${tenants[1]}".block_t7 ()`);
    const run = await fleet.run({ canary: 3, waveSize: 4, parallel: 1 });
    expect(run.stopped?.wave).toBe(1);
    expect(run.stopped?.reason).toMatch(/canary/);
    expect(run.failed).toEqual([tenants[1]]);
    expect(run.waves?.map((w) => w.state)).toEqual(['failed', ...run.waves!.slice(1).map(() => 'not-started')]);
    expect(run.waves?.[0].tenants).toEqual(tenants.slice(0, 3));
    expect([...(await withT7(fleet))]).toEqual([tenants[0]]);
    expect(
      run.results
        .filter((r) => r.state === 'skipped')
        .map((r) => r.schema)
        .sort(),
    ).toEqual(tenants.filter((t) => t !== tenants[0] && t !== tenants[1]));

    // The cause is fixed; the same command resumes: the canary's done tenant is not run again.
    await c.query(`DROP TABLE "${tenants[1]}".block_t7`);
    const resumed = await fleet.run({ canary: 3, waveSize: 4, parallel: 1 });
    expect(resumed.stopped).toBeUndefined();
    expect(resumed.failed).toEqual([]);
    expect(resumed.waves?.[0].tenants).toEqual(tenants.slice(0, 3));
    expect(resumed.results.map((r) => r.schema)).not.toContain(tenants[0]);
    expect(resumed.waves?.every((w) => w.state === 'done')).toBe(true);
    expect((await withT7(fleet)).size).toBe(tenants.length);
    // Everything done: a third run passes over every wave.
    const again = await fleet.run({ canary: 3, waveSize: 4 });
    expect(again.total).toBe(0);
    expect(again.waves?.every((w) => w.state === 'already-done')).toBe(true);
  });

  it('waves with --max-failures: failures within the budget go on, the one past it stops the rollout mid-wave', async () => {
    fleet = await migrationFleet(12);
    const tenants = await workingTenants(fleet);
    fleet.project.add('tenant', '0007_t7.sql', failingIn([tenants[1], tenants[4]]));
    const run = await fleet.run({ waveSize: 3, maxFailures: 1, parallel: 1 });
    expect(run.waves?.length).toBe(Math.ceil(tenants.length / 3));
    expect(run.waves?.[0]).toMatchObject({ state: 'failed', failed: 1 });
    expect(run.waves?.[1]).toMatchObject({ state: 'failed', failed: 1 });
    expect(run.stopped?.wave).toBe(2);
    expect(run.failed.sort()).toEqual([tenants[1], tenants[4]].sort());
    const done = await withT7(fleet);
    expect([...done].sort()).toEqual([tenants[0], tenants[2], tenants[3]].sort());
    for (const t of tenants.slice(5)) expect(done.has(t)).toBe(false);
  });

  it('--to stops at a migration; a number with no file is refused', async () => {
    fleet = await migrationFleet(6);
    fleet.project.add('tenant', '0007_t7.sql', 'CREATE TABLE t7 (id int);\n');
    fleet.project.add('tenant', '0008_t8.sql', 'CREATE TABLE t8 (id int);\n');
    const run = await fleet.run({ to: 7 });
    expect(run.failed).toEqual([]);
    const status = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    const working = status.tenants.filter((t) => !t.shared && t.status !== 'missing');
    expect(working.every((t) => t.applied.includes('0007_t7') && t.pending.join() === '0008_t8')).toBe(true);
    expect(await errorCode(fleet.run({ to: 99 }))).toBe('PARAM_INVALID');
  });

  it('stops when the check after a wave fails', async () => {
    fleet = await migrationFleet(8);
    const tenants = await workingTenants(fleet);
    fleet.project.add('tenant', '0007_t7.sql', 'CREATE TABLE t7 (id int);\n');
    const bad = tenants.indexOf(fleet.seed.missingEnrollment);
    expect(bad).toBeGreaterThanOrEqual(0);
    const run = await fleet.run({ waveSize: 2, check: 'student_without_enrollment', parallel: 1 });
    const badWave = Math.floor(bad / 2) + 1;
    expect(run.stopped?.wave).toBe(badWave);
    expect(run.waves?.[badWave - 1].check?.passed).toBe(false);
    expect(run.waves?.slice(0, badWave - 1).every((w) => w.check?.passed)).toBe(true);
    expect((await withT7(fleet)).size).toBe(badWave * 2);
    expect(await errorCode(fleet.run({ waveSize: 2, check: 'no_such_check' }))).toBe('CHECK_NOT_FOUND');
  });

  it('bad inputs: a wave size of 0, an unknown canary tenant — refused, exit 2, nothing done', async () => {
    fleet = await migrationFleet(4);
    fleet.project.add('tenant', '0007_t7.sql', 'CREATE TABLE t7 (id int);\n');
    expect(await errorCode(fleet.run({ waveSize: 0 }))).toBe('PARAM_INVALID');
    expect(await errorCode(fleet.run({ canary: ['tenant_nobody_here'] }))).toBe('TENANT_NOT_FOUND');
    const base = ['migrate', '--url', fleet.db.url, '--project', fleet.project.dir, '--yes', '--json'];
    const zero = runCli([...base, '--wave-size', '0'], { home: fleet.home.dir });
    expect(zero.code).toBe(2);
    expect(zero.json().error.code).toBe('PARAM_INVALID');
    const unknown = runCli([...base, '--canary', 'tenant_nobody_here'], { home: fleet.home.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.json().error.code).toBe('TENANT_NOT_FOUND');
    const pause = runCli([...base, '--pause-between', 'soon'], { home: fleet.home.dir });
    expect(pause.code).toBe(2);
    expect((await withT7(fleet)).size).toBe(0);
    const ok = runCli([...base, '--canary', '1', '--pause-between', '0s'], { home: fleet.home.dir });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/wave 1\/2 \(canary\)/);
  });
});
