import type { migrationsContract } from '../../../shared/contracts/migrations';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { buildHistory } from './history';
import { loadStatusContext } from './status-service';

/**
 * The migrations area's calls, implemented over the core's shared services. The code that plans,
 * applies, rolls back, seeds or compares loads with its call: `status` compiles none of it, nor
 * the SQL parser's helpers.
 */
export function createMigrationsHandlers(deps: CoreDeps): AreaHandlers<typeof migrationsContract> {
  return {
    'migrations.status': async (input) => (await loadStatusContext(deps, input)).status,
    'migrations.plan': async (input) => {
      const [ctx, { buildPlan, selectTargets }] = await Promise.all([
        loadStatusContext(deps, input),
        import('./plan'),
        import('../domain/sql').then((sql) => sql.loadSqlParser()),
      ]);
      return buildPlan(ctx, selectTargets(ctx, input.tenants, input.retryFailed, input.schemas));
    },
    'migrations.apply': async (input) => (await import('./apply-service')).startApply(deps, input),
    'migrations.rollback': async (input) => (await import('./rollback-service')).startRollback(deps, input),
    'migrations.seed': async (input) => (await import('./named-seeds')).seedNamedSchemas(deps, input),
    'migrations.history': async (input) => buildHistory(await loadStatusContext(deps, input), input.limit),
    'migrations.compare': async (input) => {
      const [left, right, { compareStatuses }] = await Promise.all([
        loadStatusContext(deps, input),
        loadStatusContext(deps, { profileId: input.otherProfileId, registry: input.registry }),
        import('./compare'),
      ]);
      return compareStatuses(
        { ...left.status, name: left.profile.name },
        { ...right.status, name: right.profile.name },
      );
    },
  };
}
