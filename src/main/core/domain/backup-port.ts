import type { Profile } from '../../../shared/model/profile';

export type BackupScope = 'tenant' | 'shared' | 'fleet' | 'database';
export type BackupReason =
  'manual' | 'pre-migrate' | 'pre-drop' | 'pre-restore' | 'checklist' | 'pre-action' | 'point-in-time';

export interface BackupRequest {
  profile: Profile;
  scope: BackupScope;
  /** For scope 'tenant': the schemas (one or more). */
  schemas?: string[];
  reason: BackupReason;
  /** Where to dump from when it is not the profile's own server (a point-in-time recovery copy); catalogued under `profile`. */
  source?: Profile;
  signal?: AbortSignal;
  /** For profiles whose backups are encrypted with a passphrase (never stored, never audited). */
  passphrase?: string;
  onProgress?: (done: number, total: number, current?: string) => void;
}

export interface BackupSummary {
  id: string;
  scope: BackupScope;
  schemas: string[];
  createdAt: string;
  files: { path: string; schemas: string[]; sha256: string; bytes: number }[];
}

/**
 * What other areas (migrate, drop, checklists, restore) call to take or find a backup.
 * The backups area implements it (createBackupPort in backup-service.ts), wired once in create-core.ts as deps.ports.backups; this file only fixes the shape.
 */
export interface BackupPort {
  take(req: BackupRequest): Promise<BackupSummary>;
  /** Refuses (BACKUP_KEY_NOT_DURABLE) when a backup of `profile` could not be opened after this process ends. */
  requireDurableKey(profile: Profile, what: string): Promise<void>;
  /** The newest backup of the profile covering `schema` (or the scope), if any. */
  latest(profile: Profile, opts: { schema?: string; scope?: BackupScope }): Promise<BackupSummary | undefined>;
}
