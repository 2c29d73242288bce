import { AppError } from '../../../shared/errors';
import type { Step } from '../../../shared/model/checklists';
import type { RunStore } from './run-store';
import { followJob, type StepContext, type StepOutcome } from './step-context';

type RestoreStep = Extract<Step, { kind: 'restore' }>;

/** Rollback: restores, tenant by tenant, the backup the deploy run took before it changed anything. */
export async function runRestoreStep(ctx: StepContext, step: RestoreStep, runs: RunStore): Promise<StepOutcome> {
  const source = ctx.run.rollsBack ? await runs.get(ctx.run.rollsBack) : ctx.run;
  const backupId = source.steps.find((s) => s.id === step.backupStep)?.evidence?.backupId as string | undefined;
  if (!backupId)
    throw new AppError(
      'STEP_FAILED',
      `Run ${source.id} has no backup from step "${step.backupStep}" to restore.`,
      'Restore a backup by hand from the Backups screen.',
    );
  const entry = await ctx.deps.invoke('backups.get', { id: backupId });
  const tenants = step.tenants ?? entry.schemas;
  const restored: string[] = [];
  for (const [i, tenant] of tenants.entries()) {
    ctx.job.throwIfCancelled();
    ctx.job.progress(i, tenants.length, `restore ${tenant}`);
    const { jobId } = await ctx.deps.invoke('backups.restore', {
      id: backupId,
      tenant,
      confirmDatabase: ctx.confirmDatabase,
    });
    await followJob(ctx, jobId);
    restored.push(tenant);
    ctx.log(`restored ${tenant} from ${backupId}`);
  }
  return { evidence: { backupId, restored: restored.length, tenants: restored.slice(0, 500) } };
}
