import { existsSync } from 'node:fs';
import type { backupsContract } from '../../../shared/contracts/backups';
import type { BackupEntry, BackupListItem } from '../../../shared/model/backups';
import type { AreaHandlers } from '../api';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { assertWritable, requireProductionConfirmation } from '../safety';
import { Catalogs, profileKey } from './catalog';
import { removeFiles, selectExpired } from './retention';
import { planRestore } from './restore-plan';
import { runRestore } from './run-restore';
import { takeBackup } from './take-backup';
import { verifyBackup } from './verify-backup';

export function listItem(e: BackupEntry): BackupListItem {
  const { manifest, ...rest } = e;
  void manifest;
  return { ...rest, bytes: e.files.reduce((n, f) => n + f.bytes, 0), present: e.files.every((f) => existsSync(f.path)) };
}

/** The backups area's calls, implemented over the core's shared services. */
export function createBackupsHandlers(deps: CoreDeps): AreaHandlers<typeof backupsContract> {
  const catalogs = new Catalogs(deps.dataDir);
  const keyOf = (profileId: string) => profileKey(deps.profiles.get(profileId), deps.profiles.isEphemeral(profileId));
  return {
    'backups.list': async ({ profileId, tenant }) => {
      const entries = profileId ? [...(await catalogs.read(keyOf(profileId))).backups].reverse() : await catalogs.all();
      return { backups: entries.filter((e) => !tenant || e.schemas.includes(tenant)).map(listItem) };
    },
    'backups.get': async ({ id }) => catalogs.find(id),
    'backups.create': async ({ profileId, scope, schemas, reason }) => {
      const profile = deps.profiles.get(profileId);
      const jobId = deps.jobs.start(
        `backup-${scope}`,
        async (ctx) => {
          const entry = await takeBackup(deps, { profile, scope, schemas, reason, signal: ctx.signal, onProgress: (d, t, c) => ctx.progress(d, t, c) }, { log: (l) => ctx.log(l) });
          ctx.log(`backup ${entry.id}: ${entry.files.length} file(s), ${entry.schemas.length} schema(s)`);
          return entry;
        },
        { profileId },
      );
      return { jobId };
    },
    'backups.verify': async ({ id }) => {
      const result = await verifyBackup(await catalogs.find(id));
      return result;
    },
    'backups.retention': async ({ profileId, keepLast, keepDays, dryRun }) => {
      const profile = deps.profiles.get(profileId);
      const key = keyOf(profileId);
      const expired = selectExpired((await catalogs.read(key)).backups, { keepLast, keepDays });
      const kept = (await catalogs.read(key)).backups.length - expired.length;
      if (dryRun || !expired.length) return { removed: expired.map((e) => e.id), kept };
      return deps.audit.around({ ...profileFields(profile), action: 'backup.retention', params: { keepLast, keepDays, removed: expired.length } }, async () => {
        const ids = new Set(expired.map((e) => e.id));
        await catalogs.update(key, (c) => {
          c.backups = c.backups.filter((b) => !ids.has(b.id));
        });
        for (const e of expired) await removeFiles(e);
        return { removed: [...ids], kept };
      });
    },
    'backups.preflight': async ({ id, tenant, as, toProfileId }) => (await planRestore(deps, id, { tenant, as, toProfileId })).report,
    'backups.restore': async ({ id, tenant, as, toProfileId, confirmDatabase }) => {
      const { plan, failures } = await planRestore(deps, id, { tenant, as, toProfileId });
      assertWritable(plan.target, 'Restoring a backup');
      requireProductionConfirmation(plan.target, confirmDatabase, `Restoring ${plan.targetSchema}`);
      if (failures.length) {
        await deps.audit.record({ ...profileFields(plan.target), action: 'backup.restore', target: plan.targetSchema, params: { backupId: id }, result: 'refused', error: failures[0].message });
        throw failures[0];
      }
      const jobId = deps.jobs.start('restore', (ctx) => runRestore(deps, plan, { signal: ctx.signal, progress: (d, t, c) => ctx.progress(d, t, c), log: (l) => ctx.log(l) }), { profileId: plan.target.id });
      return { jobId };
    },
  };
}
