import type { Input, Method, Output } from '../../shared/contract';
import type { AuditLog } from './audit/audit-log';
import type { Pools } from './db/pools';
import type { EventBus } from './event-bus';
import type { Jobs } from './jobs/jobs';
import type { CorePorts } from './domain/ports';
import type { ProfileStore } from './profiles/profile-store';
import type { SecretStore } from './profiles/secret-store';

/** The shared services every area's handlers are built from (DESIGN.md: plain services, wired in one place). */
export interface CoreDeps {
  mode: Output<'app.info'>['mode'];
  dataDir: string;
  bus: EventBus;
  jobs: Jobs;
  pools: Pools;
  profiles: ProfileStore;
  secrets: SecretStore;
  audit: AuditLog;
  /** What one area offers another (backups, migrations applied to a new schema, restores), wired once in create-core.ts. */
  ports: CorePorts;
  /**
   * Calls another area through the contract, as a transport would (validated input, envelope
   * errors thrown as AppError): how checklists drive backups, migrations and checks.
   */
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
}
