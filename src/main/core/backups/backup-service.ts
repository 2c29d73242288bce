import type { BackupEntry } from '../../../shared/model/backups';
import type { CoreDeps } from '../core-deps';
import { requireDurableBackupKey } from './backup-keys';
import type { BackupPort, BackupSummary } from '../domain/backup-port';
import { Catalogs, profileKey } from './catalog';
import { takeBackup, type BackupOptions } from './take-backup';

export function toSummary(e: BackupEntry): BackupSummary {
  return { id: e.id, scope: e.scope, schemas: e.schemas, createdAt: e.createdAt, files: e.files };
}

/** Takes and finds backups for the other areas (backup before migrate, drop, checklists, restore). */
export function createBackupPort(deps: CoreDeps, opts: BackupOptions = {}): BackupPort {
  return {
    take: async (req) => toSummary(await takeBackup(deps, req, opts)),
    requireDurableKey: (profile, what) =>
      requireDurableBackupKey(deps.secrets, profile, profileKey(profile, deps.profiles.isEphemeral(profile.id)), what),
    latest: async (profile, { schema, scope }) => {
      const catalog = await new Catalogs(deps.dataDir).read(profileKey(profile, deps.profiles.isEphemeral(profile.id)));
      const found = [...catalog.backups]
        .reverse()
        .find((b) => (!scope || b.scope === scope) && (!schema || b.schemas.includes(schema)));
      return found && toSummary(found);
    },
  };
}
