import type { monitorContract } from '../../../shared/contracts/monitor';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';

/** The monitor area's calls, implemented over the core's shared services. */
export function createMonitorHandlers(deps: CoreDeps): AreaHandlers<typeof monitorContract> {
  void deps;
  return {};
}
