import type { BackupEntry } from '../../../shared/model/backups';

/** Oldest first, by the time each started: ids are stamped to the second only, so two of one second sort by chance. */
export const byTime = (a: BackupEntry, b: BackupEntry): number =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
