import { AppError, type ErrorCode } from '../../shared/errors';
import type { JobSummary } from '../../shared/model/job';
import type { CliContext } from './cli-context';
import { ct } from './cli-messages';
import { createProgressView } from './progress';

/**
 * Follows a core job to its end for the CLI: a bar or `[i/N] current` lines and log lines on stderr,
 * then its summary. A failed job becomes an AppError with the job's code.
 */
export async function waitForJob(ctx: CliContext, jobId: string): Promise<JobSummary> {
  const view = await createProgressView(ctx.out);
  const off = ctx.core.bus.on('job.update', (u) => {
    if (u.id !== jobId) return;
    for (const line of u.log) view.log(line);
    view.update(u.done, u.total, u.current);
  });
  try {
    const summary = await ctx.core.jobs.wait(jobId);
    if (summary.state === 'failed' && summary.error)
      throw new AppError(summary.error.code as ErrorCode, summary.error.message, summary.error.hint);
    if (summary.state === 'cancelled') throw new AppError('CANCELLED', ct('job.cancelled'));
    return summary;
  } finally {
    off();
    view.stop();
  }
}

/** Follows a job to its result; Ctrl-C cancels it (the job itself decides what rolls back). */
export async function followJob<T>(ctx: CliContext, jobId: string, cancelling = ct('job.cancelling')): Promise<T> {
  const onSigint = () => {
    ctx.out.warn(cancelling);
    ctx.core.jobs.cancel(jobId);
  };
  process.once('SIGINT', onSigint);
  try {
    return (await waitForJob(ctx, jobId)).result as T;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
