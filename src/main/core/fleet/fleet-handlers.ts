import type { fleetContract } from '../../../shared/contracts/fleet';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { requireProject } from '../project/project';
import { publicAction, readActions } from './action-files';
import { startActionRun } from './action-run';
import { runBaseline, runBaselineUndo } from './baseline';
import { runDiff } from './drift';
import { findMissingPrivileges } from '../domain/privileges';
import { fleetPrivileges } from './privileges-view';

/** The fleet area's calls, implemented over the core's shared services. */
export function createFleetHandlers(deps: CoreDeps): AreaHandlers<typeof fleetContract> {
  return {
    'fleet.diff': (input) => runDiff(deps, input),
    'fleet.baseline': (input) => runBaseline(deps, input),
    'fleet.baselineUndo': (input) => runBaselineUndo(deps, input),
    'fleet.checkPrivileges': async (input) => {
      const profile = deps.profiles.get(input.profileId);
      return { missing: await deps.pools.withClient(profile, (client) => findMissingPrivileges(client, input)) };
    },
    'fleet.privileges': (input) => fleetPrivileges(deps, input),
    'fleet.actions': async (input) => {
      const project = await requireProject(deps.profiles.get(input.profileId), input.project);
      return { projectDir: project.dir, actions: (await readActions(project.dir)).map(publicAction) };
    },
    'fleet.runAction': (input) => startActionRun(deps, input),
  };
}
