import type { tenantsContract } from '../../../shared/contracts/tenants';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';

/** The tenants area's calls, implemented over the core's shared services. */
export function createTenantsHandlers(deps: CoreDeps): AreaHandlers<typeof tenantsContract> {
  void deps;
  return {};
}
