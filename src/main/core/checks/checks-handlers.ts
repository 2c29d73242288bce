import type { checksContract } from '../../../shared/contracts/checks';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';

/** The checks area's calls, implemented over the core's shared services. */
export function createChecksHandlers(deps: CoreDeps): AreaHandlers<typeof checksContract> {
  void deps;
  return {};
}
