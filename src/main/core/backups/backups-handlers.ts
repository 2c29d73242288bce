import type { backupsContract } from '../../../shared/contracts/backups';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';

/** The backups area's calls, implemented over the core's shared services. */
export function createBackupsHandlers(deps: CoreDeps): AreaHandlers<typeof backupsContract> {
  void deps;
  return {};
}
