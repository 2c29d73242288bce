import type { fleetContract } from '../../../shared/contracts/fleet';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';

/** The fleet area's calls, implemented over the core's shared services. */
export function createFleetHandlers(deps: CoreDeps): AreaHandlers<typeof fleetContract> {
  void deps;
  return {};
}
