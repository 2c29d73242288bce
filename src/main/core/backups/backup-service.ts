import { AppError } from '../../../shared/errors';
import type { CoreDeps } from '../core-deps';
import type { BackupPort } from './backup-port';

/** Takes and finds backups for the other areas (to be implemented by the backups area). */
export function createBackupPort(deps: CoreDeps): BackupPort {
  void deps;
  return {
    take: async () => {
      throw new AppError('NOT_SUPPORTED', 'Backups are not available yet.');
    },
    latest: async () => undefined,
  };
}
