import type { checklistsContract } from '../../../shared/contracts/checklists';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';

/** The checklists area's calls, implemented over the core's shared services. */
export function createChecklistsHandlers(deps: CoreDeps): AreaHandlers<typeof checklistsContract> {
  void deps;
  return {};
}
