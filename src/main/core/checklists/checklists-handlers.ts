import type { checklistsContract } from '../../../shared/contracts/checklists';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { AppError } from '../../../shared/errors';
import type { Step } from '../../../shared/model/checklists';
import { optionalProject, requireProject } from '../project/project';
import { createEngine } from './run-engine';
import { createRunReadHandlers } from './run-read-handlers';
import { assertRunbookSpecAllowed, listRunbooks } from './runbook-loader';
import { RunStore } from './run-store';

/** A step as the review before a start shows it: what it is and what it works on. */
function stepInfo(s: Step) {
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    explain: s.explain,
    ...(s.kind === 'backup' ? { scope: s.scope } : {}),
    ...(s.kind === 'check' ? { checks: s.checks, fix: s.fix } : {}),
  };
}

/** Guided deploy checklists: runbooks from the project, runs saved as they go, reports. */
export function createChecklistsHandlers(deps: CoreDeps): AreaHandlers<typeof checklistsContract> {
  const runs = RunStore.forDataDir(deps.dataDir);
  const engine = createEngine(deps, runs);
  return {
    'checklists.runbooks': async ({ profileId, project }) => {
      const dir = (await requireProject(deps.profiles.get(profileId), project)).dir;
      const { runbooks, errors } = await listRunbooks(dir);
      return {
        runbooks: runbooks.map((r) => ({
          id: r.id,
          path: r.path,
          title: r.runbook.title,
          description: r.runbook.description,
          environments: r.runbook.environments,
          steps: r.runbook.steps.map(stepInfo),
        })),
        errors,
      };
    },
    'checklists.start': (input) => {
      assertRunbookSpecAllowed(input.runbook, deps.mode);
      return engine.start(input);
    },
    'checklists.advance': async ({ runId, yesManual, confirmDatabase }) => {
      const run = await runs.get(runId);
      return {
        jobId: deps.jobs.start('checklist', (job) => engine.advance(runId, { yesManual, confirmDatabase }, job), {
          profileId: run.profileId,
        }),
      };
    },
    'checklists.tick': ({ runId, stepId, note }) => engine.tick(runId, stepId, note),
    'checklists.skip': ({ runId, stepId, reason }) => engine.skip(runId, stepId, reason),
    'checklists.retry': ({ runId, stepId }) => engine.retry(runId, stepId),
    'checklists.abort': ({ runId, reason }) => engine.abort(runId, reason),
    'checklists.rollback': async ({ runId, confirmDatabase }) => {
      const run = await runs.get(runId);
      if (!run.rollback)
        throw new AppError(
          'RUNBOOK_NOT_FOUND',
          `Runbook "${run.runbookId}" names no rollback runbook.`,
          'Restore the pre-deploy backup from the Backups screen.',
        );
      const project = (await optionalProject(deps.profiles.get(run.profileId), run.projectDir))?.dir;
      return engine.start({
        profileId: run.profileId,
        runbook: run.rollback,
        project,
        confirmDatabase,
        rollsBack: run.id,
      });
    },
    ...createRunReadHandlers(runs),
    'checklists.get': ({ runId }) => runs.get(runId),
  };
}
