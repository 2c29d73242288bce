import type { migrationsContract } from '../../../shared/contracts/migrations';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';

/** The migrations area's calls, implemented over the core's shared services. */
export function createMigrationsHandlers(deps: CoreDeps): AreaHandlers<typeof migrationsContract> {
  void deps;
  return {};
}
