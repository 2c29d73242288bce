import { AppError } from '../../../shared/errors';
import type { backupsContract } from '../../../shared/contracts/backups';
import type { AreaHandlers } from '../api';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { assertWritable, requireProductionConfirmation } from '../safety';
import { checkPrivileges } from '../domain/privileges';
import { retryPendingCopies } from './backup-copy';
import { keyOpener } from './backup-keys';
import { createBackupListHandler } from './backup-list';
import { Catalogs, profileKey } from './catalog';
import { removeFiles, selectExpired } from './retention';
import { planRestore } from './restore-plan';
import { runRestore } from './run-restore';
import { archiveInfoView, planPointInTime } from './pitr/point-in-time-preflight';
import { restorePointInTime } from './pitr/point-in-time-restore';
import { takeBackup } from './take-backup';
import { verifyBackup } from './verify-backup';

/** The backups area's calls, implemented over the core's shared services. */
export function createBackupsHandlers(deps: CoreDeps): AreaHandlers<typeof backupsContract> {
  const catalogs = new Catalogs(deps.dataDir);
  const keyOf = (profileId: string) => profileKey(deps.profiles.get(profileId), deps.profiles.isEphemeral(profileId));
  return {
    ...createBackupListHandler(deps.dataDir, () => deps.profiles),
    'backups.get': async ({ id }) => catalogs.find(id),
    'backups.create': async ({ profileId, scope, schemas, reason, passphrase }) => {
      const profile = deps.profiles.get(profileId);
      const jobId = deps.jobs.start(
        `backup-${scope}`,
        async (ctx) => {
          const entry = await takeBackup(
            deps,
            {
              profile,
              scope,
              schemas,
              reason,
              passphrase,
              signal: ctx.signal,
              onProgress: (d, t, c) => ctx.progress(d, t, c),
            },
            { log: (l) => ctx.log(l) },
          );
          ctx.log(`backup ${entry.id}: ${entry.files.length} file(s), ${entry.schemas.length} schema(s)`);
          return entry;
        },
        { profileId },
      );
      return { jobId };
    },
    'backups.verify': async ({ id, passphrase }) => {
      const entry = await catalogs.find(id);
      return verifyBackup(entry, keyOpener(deps.secrets, entry, passphrase));
    },
    'backups.syncCopies': async ({ profileId }) => {
      const profile = deps.profiles.get(profileId);
      if (!profile.backupCopyDir) return { copied: [], pending: [] };
      return retryPendingCopies(deps.dataDir, keyOf(profileId), profile.backupCopyDir, () => undefined);
    },
    'backups.retention': async ({ profileId, keepLast, keepDays, dryRun }) => {
      const profile = deps.profiles.get(profileId);
      const key = keyOf(profileId);
      const expired = selectExpired((await catalogs.read(key)).backups, { keepLast, keepDays });
      const kept = (await catalogs.read(key)).backups.length - expired.length;
      if (dryRun || !expired.length) return { removed: expired.map((e) => e.id), kept };
      return deps.audit.around(
        {
          ...profileFields(profile),
          action: 'backup.retention',
          params: { keepLast, keepDays, removed: expired.length },
        },
        async () => {
          const ids = new Set(expired.map((e) => e.id));
          await catalogs.update(key, (c) => {
            c.backups = c.backups.filter((b) => !ids.has(b.id));
          });
          for (const e of expired) await removeFiles(e);
          return { removed: [...ids], kept };
        },
      );
    },
    'backups.preflight': async ({ id, tenant, as, toProfileId, passphrase }) => {
      const { plan, report } = await planRestore(deps, id, { tenant, as, toProfileId, passphrase });
      await plan.cleanup();
      return report;
    },
    'backups.restore': async ({ id, tenant, as, toProfileId, confirmDatabase, passphrase, lockWaitSeconds }) => {
      const { plan, failures } = await planRestore(deps, id, { tenant, as, toProfileId, passphrase });
      let started = false;
      try {
        assertWritable(plan.target, 'Restoring a backup');
        requireProductionConfirmation(plan.target, confirmDatabase, `Restoring ${plan.targetSchema}`);
        if (failures.length) {
          await deps.audit.record({
            ...profileFields(plan.target),
            action: 'backup.restore',
            target: plan.targetSchema,
            params: { backupId: id },
            result: 'refused',
            error: failures[0].message,
          });
          throw failures[0];
        }
        await restorePrivileges(deps, plan);
        const jobId = deps.jobs.start(
          'restore',
          (ctx) =>
            runRestore(deps, plan, {
              signal: ctx.signal,
              passphrase,
              lockWaitSeconds,
              progress: (d, t, c) => ctx.progress(d, t, c),
              log: (l) => ctx.log(l),
            }).finally(() => plan.cleanup()),
          { profileId: plan.target.id },
        );
        started = true;
        return { jobId };
      } finally {
        if (!started) await plan.cleanup();
      }
    },
    'backups.archiveInfo': async ({ profileId }) => archiveInfoView(deps.profiles.get(profileId)),
    'backups.pointInTimePreflight': async (input) => (await planPointInTime(deps, input)).report,
    'backups.pointInTimeRestore': async (input) => {
      const profile = deps.profiles.get(input.profileId);
      assertWritable(profile, 'Restoring a tenant to a point in time');
      requireProductionConfirmation(
        profile,
        input.confirmDatabase,
        `Restoring ${input.as ?? input.tenant} to ${input.at}`,
      );
      const { plan, failures } = await planPointInTime(deps, input);
      if (!plan) {
        const refusal = failures[0] ?? new AppError('PITR_NOT_CONFIGURED', 'The point-in-time restore cannot start.');
        await deps.audit.record({
          ...profileFields(profile),
          action: 'backup.restore-point-in-time',
          target: input.as ?? input.tenant,
          params: { at: input.at },
          result: 'refused',
          error: refusal.message,
        });
        throw refusal;
      }
      const jobId = deps.jobs.start(
        'restore-point-in-time',
        (ctx) =>
          restorePointInTime(deps, plan, {
            signal: ctx.signal,
            progress: (d, t, c) => ctx.progress(d, t, c),
            log: (l) => ctx.log(l),
          }),
        { profileId: profile.id },
      );
      return { jobId };
    },
  };
}

/** Restores are refused before anything starts when the role lacks what the restore mode needs. */
async function restorePrivileges(deps: CoreDeps, plan: Awaited<ReturnType<typeof planRestore>>['plan']): Promise<void> {
  const needs: Parameters<typeof checkPrivileges>[1]['needs'] =
    plan.mode === 'scratch'
      ? ['createdb', 'create-schema']
      : plan.mode === 'create'
        ? ['create-schema']
        : ['create-schema', 'own-or-create-in-schema'];
  try {
    await deps.pools.withClient(plan.target, (c) =>
      checkPrivileges(c, { schemas: [plan.targetSchema], needs }, `Restoring ${plan.targetSchema}`),
    );
  } catch (e) {
    if ((e as { code?: string }).code === 'INSUFFICIENT_PRIVILEGE') {
      await deps.audit.record({
        ...profileFields(plan.target),
        action: 'backup.restore',
        target: plan.targetSchema,
        params: { backupId: plan.entry.id },
        result: 'refused',
        error: (e as Error).message,
      });
    }
    throw e;
  }
}
