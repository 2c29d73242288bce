import type { migrationsContract } from '../../../shared/contracts/migrations';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { loadSqlParser } from '../domain/sql';
import { startApply } from './apply-service';
import { compareStatuses } from './compare';
import { buildHistory } from './history';
import { buildPlan, selectTargets } from './plan';
import { seedNamedSchemas } from './named-seeds';
import { startRollback } from './rollback-service';
import { loadStatusContext } from './status-service';

/** The migrations area's calls, implemented over the core's shared services. */
export function createMigrationsHandlers(deps: CoreDeps): AreaHandlers<typeof migrationsContract> {
  return {
    'migrations.status': async (input) => (await loadStatusContext(deps, input)).status,
    'migrations.plan': async (input) => {
      const [ctx] = await Promise.all([loadStatusContext(deps, input), loadSqlParser()]);
      return buildPlan(ctx, selectTargets(ctx, input.tenants, input.retryFailed, input.schemas));
    },
    'migrations.apply': (input) => startApply(deps, input),
    'migrations.rollback': (input) => startRollback(deps, input),
    'migrations.seed': (input) => seedNamedSchemas(deps, input),
    'migrations.history': async (input) => buildHistory(await loadStatusContext(deps, input), input.limit),
    'migrations.compare': async (input) => {
      const [left, right] = await Promise.all([
        loadStatusContext(deps, input),
        loadStatusContext(deps, { profileId: input.otherProfileId, registry: input.registry }),
      ]);
      return compareStatuses(
        { ...left.status, name: left.profile.name },
        { ...right.status, name: right.profile.name },
      );
    },
  };
}
