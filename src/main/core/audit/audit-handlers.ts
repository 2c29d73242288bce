import type { auditContract } from '../../../shared/contracts/audit';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { createAuditReadHandlers } from './audit-read-handlers';

/** The audit area's calls (the database copy of the log is wired in create-core.ts, before any action is recorded). */
export function createAuditHandlers(deps: CoreDeps): AreaHandlers<typeof auditContract> {
  return createAuditReadHandlers(deps.audit);
}
