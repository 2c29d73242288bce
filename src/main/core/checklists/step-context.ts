import type { Run, Step, StepRun } from '../../../shared/model/checklists';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import type { JobContext } from '../jobs/jobs';

export interface StepContext {
  deps: CoreDeps;
  run: Run;
  step: Step;
  record: StepRun;
  profile: Profile;
  projectDir?: string;
  confirmDatabase?: string;
  job: JobContext;
  /** A line of output kept with the step (and shown live). */
  log(line: string): void;
}

export interface StepOutcome {
  evidence: Record<string, unknown>;
}

/** Starts a core job through the contract and waits for its result, following its progress. */
export async function followJob<T>(ctx: StepContext, jobId: string): Promise<T> {
  const off = ctx.deps.bus.on('job.update', (u) => {
    if (u.id !== jobId) return;
    if (u.total) ctx.job.progress(u.done, u.total, `${ctx.step.id}: ${u.current ?? ''}`);
    u.log.forEach((l) => ctx.log(l));
  });
  const stop = () => ctx.deps.jobs.cancel(jobId);
  ctx.job.signal.addEventListener('abort', stop);
  try {
    const summary = await ctx.deps.jobs.wait(jobId);
    if (summary.state !== 'succeeded') {
      const error = summary.error ?? {
        code: summary.state === 'cancelled' ? 'CANCELLED' : 'STEP_FAILED',
        message: `${summary.kind} ${summary.state}`,
      };
      throw Object.assign(new Error(error.message), error);
    }
    return summary.result as T;
  } finally {
    off();
    ctx.job.signal.removeEventListener('abort', stop);
  }
}

export function project(ctx: StepContext): { project?: string } {
  return ctx.projectDir ? { project: ctx.projectDir } : {};
}
