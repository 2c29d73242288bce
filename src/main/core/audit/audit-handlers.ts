import type { auditContract } from '../../../shared/contracts/audit';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { createAuditReadHandlers } from './audit-read-handlers';
import { createDatabaseSink } from './database-sink';

/** The audit area's calls, and the database copy of the log for profiles that opt in. */
export function createAuditHandlers(deps: CoreDeps): AreaHandlers<typeof auditContract> {
  deps.audit.addSink(createDatabaseSink(deps));
  return createAuditReadHandlers(deps.audit);
}
