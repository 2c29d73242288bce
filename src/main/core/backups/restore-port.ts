import type { CoreDeps } from '../core-deps';
import type { RestorePort } from '../domain/ports';
import { planRestore } from './restore-plan';
import { runRestore } from './run-restore';

/** The backups area's side of RestorePort (wired in create-core.ts): plan, then the journaled restore. */
export function createRestorePort(deps: CoreDeps): RestorePort {
  return {
    async restoreTenant(backupId, target, run) {
      const { plan, failures } = await planRestore(deps, backupId, target);
      if (failures.length) throw failures[0];
      run.log?.(`restoring ${target.tenant} as ${plan.targetSchema} on ${plan.target.name}`);
      await runRestore(deps, plan, run);
    },
  };
}
