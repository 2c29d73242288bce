import type { auditContract } from '../../../shared/contracts/audit';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';

/** The audit area's calls, implemented over the core's shared services. */
export function createAuditHandlers(deps: CoreDeps): AreaHandlers<typeof auditContract> {
  void deps;
  return {};
}
