import type { Core } from '../create-core';
import type { JobSummary } from '../../../shared/model/job';

/** Test helpers shared by the backups integration tests (no mocks: real core, real database). */
export async function callOk<T = unknown>(core: Core, method: string, input: unknown): Promise<T> {
  const env = await core.api.call(method, input);
  if (!env.ok) throw Object.assign(new Error(`${env.error.code}: ${env.error.message}`), { code: env.error.code });
  return env.data as T;
}

export async function callErr(core: Core, method: string, input: unknown): Promise<string> {
  const env = await core.api.call(method, input);
  if (env.ok) throw new Error(`${method} succeeded, an error was expected`);
  return env.error.code;
}

/** Starts a job call and waits for its result; throws with the job's error code when it failed. */
export async function runJob<T = unknown>(core: Core, method: string, input: unknown): Promise<T> {
  const { jobId } = await callOk<{ jobId: string }>(core, method, input);
  const summary: JobSummary = await core.jobs.wait(jobId);
  if (summary.state !== 'succeeded')
    throw Object.assign(new Error(`${summary.error?.code}: ${summary.error?.message}`), { code: summary.error?.code });
  return summary.result as T;
}
