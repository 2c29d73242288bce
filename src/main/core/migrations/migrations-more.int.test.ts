import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationRun, ProfileComparison } from '../../../shared/model/migrations';
import { createBackupPort } from '../backups/backup-service';
import { sampleProjectDir } from '../app-root';
import { migrationFleet, type MigrationFleet } from './fleet-fixture.test-helper';

const fleets: MigrationFleet[] = [];
afterEach(async () => {
  for (const f of fleets.splice(0)) await f.close();
});
const make = async (...args: Parameters<typeof migrationFleet>) => {
  const f = await migrationFleet(...args);
  fleets.push(f);
  return f;
};

describe('locks, backups and comparison', () => {
  it('a table lock held elsewhere fails that tenant after lock_timeout (LOCK_TIMEOUT) naming the holder; the others commit', async () => {
    const fleet = await make(6);
    const victim = fleet.seed.behind[0];
    const holder = new pg.Client({ connectionString: fleet.db.url, application_name: 'someone-else' });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE "${victim}".clases_enrollment IN ACCESS EXCLUSIVE MODE`);
      const run = await fleet.run({ lockTimeoutMs: 300, continueOnError: true });
      const failed = run.results.find((r) => r.schema === victim)!;
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatchObject({ code: 'LOCK_TIMEOUT', sqlstate: '55P03' });
      expect(failed.error?.message).toContain(`pid ${(holder as unknown as { processID: number }).processID}`);
      expect(failed.error?.message).toContain('someone-else');
      expect(run.results.filter((r) => r.state === 'applied')).toHaveLength(1);
    } finally {
      await holder.end();
    }
  });

  it('takes a fleet backup before applying when the profile asks for it', async () => {
    const fleet = await make(4, 5, { backupBeforeMigrate: true });
    const run = await fleet.run({});
    expect(run.failed).toEqual([]);
    expect(run.backupId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    const latest = await createBackupPort(fleet.core).latest(fleet.core.profiles.get(fleet.profileId), {
      scope: 'fleet',
    });
    expect(latest?.id).toBe(run.backupId);
  });

  it('uses a fleet backup younger than backupFreshMinutes instead of taking another', async () => {
    const fleet = await make(4, 5, { backupBeforeMigrate: true, backupFreshMinutes: 30 });
    const profile = fleet.core.profiles.get(fleet.profileId);
    const earlier = await createBackupPort(fleet.core).take({ profile, scope: 'fleet', reason: 'manual' });
    const run = await fleet.run({});
    expect(run.failed).toEqual([]);
    expect(run.backupId).toBe(earlier.id);
    expect((await createBackupPort(fleet.core).latest(profile, { scope: 'fleet' }))?.id).toBe(earlier.id);
  });

  it('compares two profiles: what ran on one and not on the other', async () => {
    const staging = await make(5);
    const production = await make(5);
    await staging.run({});
    const other = await staging.core.profiles.add({
      ...production.db.settings,
      name: 'production-copy',
      projectDir: sampleProjectDir(),
    });
    const cmp = await staging.call<ProfileComparison>('migrations.compare', {
      profileId: staging.profileId,
      otherProfileId: other.id,
    });
    expect(cmp.onlyLeft).toEqual(['0005_copy_students_to_enrollments', '0006_enrollment_is_active']);
    expect(cmp.onlyRight).toEqual([]);
    expect(cmp.migrations.find((m) => m.name === '0006_enrollment_is_active')).toMatchObject({
      leftApplied: 5,
      rightApplied: 3,
    });
    const run: MigrationRun = await production.run({});
    expect(run.total).toBe(2);
    const after = await staging.call<ProfileComparison>('migrations.compare', {
      profileId: staging.profileId,
      otherProfileId: other.id,
    });
    expect(after.onlyLeft).toEqual([]);
  });
});
