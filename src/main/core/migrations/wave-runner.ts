import type { CheckReport } from '../../../shared/model/checks';
import type { MigrationRun, SchemaRun } from '../../../shared/model/migrations';
import type { CoreDeps } from '../core-deps';
import type { JobContext } from '../jobs/jobs';
import { runFleet, type FleetTask, type RunFleetOptions } from './fleet-runner';
import { pause, type Wave, type WaveOptions } from './waves';

type WaveReport = NonNullable<MigrationRun['waves']>[number];

export interface StagedRun {
  results: SchemaRun[];
  waves: WaveReport[];
  stopped?: { wave: number; reason: string };
}

interface StagedOptions {
  deps: CoreDeps;
  job: JobContext;
  profileId: string;
  project?: string;
  dryRun: boolean;
  options: WaveOptions;
  continueOnError: boolean;
  fleet: Omit<RunFleetOptions, 'onProgress' | 'log' | 'continueOnError' | 'maxFailures'>;
}

/** Runs the check on the wave's migrated tenants; a failing (or erroring) check stops the rollout. */
async function checkWave(o: StagedOptions, schemas: string[]): Promise<WaveReport['check']> {
  const { jobId } = await o.deps.invoke('checks.run', {
    profileId: o.profileId,
    ...(o.project ? { project: o.project } : {}),
    checks: [o.options.check!],
    tenants: schemas,
  });
  const onAbort = () => o.deps.jobs.cancel(jobId);
  o.job.signal.addEventListener('abort', onAbort);
  try {
    const summary = await o.deps.jobs.wait(jobId);
    const report = summary.result as CheckReport | undefined;
    if (!report) return { reportId: jobId, passed: false, fail: 0, error: schemas.length };
    return { reportId: report.id, passed: report.passed, fail: report.totals.fail, error: report.totals.error };
  } finally {
    o.job.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * A staged rollout: shared schemas first, then wave after wave. A wave whose tenants are all done
 * already (an earlier, stopped run) is passed over, so re-running the same command resumes. The
 * rollout stops when a canary tenant fails, when more than maxFailures tenants have failed, when
 * the check fails, or on cancel; tenants of later waves are left untouched ("skipped").
 */
export async function runStaged(tasks: FleetTask[], waves: Wave[], o: StagedOptions): Promise<StagedRun> {
  const byName = new Map(tasks.map((t) => [t.schema, t]));
  const results = new Map<string, SchemaRun>();
  const reports: WaveReport[] = waves.map((w) => ({
    index: w.index,
    ...(w.canary ? { canary: true } : {}),
    tenants: w.schemas,
    state: 'not-started',
    failed: 0,
  }));
  const budget = o.options.maxFailures ?? (o.continueOnError ? Infinity : 0);
  const total = tasks.length;
  let offset = 0;
  let failed = 0;
  let stopped: StagedRun['stopped'];
  const run = async (batch: FleetTask[], label: string, maxFailures: number) => {
    const out = await runFleet(batch, {
      ...o.fleet,
      continueOnError: true,
      maxFailures,
      onProgress: (d, _t, c) => o.job.progress(offset + d, total, `${label}: ${c}`),
      log: (l) => o.job.log(`${label}: ${l}`),
    });
    offset += batch.length;
    for (const r of out) results.set(r.schema, r);
    return out.filter((r) => r.state === 'failed').length;
  };

  // public and the named schemas go first, in order (runFleet stops at the first that fails).
  const shared = [...tasks.filter((t) => t.shared), ...tasks.filter((t) => t.named)];
  if (shared.length && (await run(shared, 'shared', 0)) > 0)
    stopped = { wave: 0, reason: 'the shared schema or a named schema failed; no tenant was started' };

  for (const wave of waves) {
    if (stopped || o.job.signal.aborted) break;
    const report = reports[wave.index - 1];
    const batch = wave.schemas.map((s) => byName.get(s)).filter((t): t is FleetTask => t !== undefined);
    const name = `wave ${wave.index}/${waves.length}${wave.canary ? ' (canary)' : ''}`;
    if (!batch.length) {
      report.state = 'already-done';
      o.job.log(`${name}: ${wave.schemas.length} tenant(s), all done already.`);
      continue;
    }
    if (
      wave.index > 1 &&
      o.options.pauseBetweenSeconds &&
      reports.slice(0, wave.index - 1).some((r) => r.state === 'done')
    ) {
      o.job.log(`pausing ${o.options.pauseBetweenSeconds}s before ${name}…`);
      o.job.progress(offset, total, `pausing before ${name}`);
      await pause(o.options.pauseBetweenSeconds * 1000, o.job.signal);
      if (o.job.signal.aborted) break;
    }
    o.job.log(
      `${name}: ${batch.length} tenant(s) to migrate${batch.length < wave.schemas.length ? ` (${wave.schemas.length - batch.length} done already)` : ''}…`,
    );
    report.failed = await run(batch, name, budget - failed);
    failed += report.failed;
    report.state = report.failed ? 'failed' : 'done';
    if (o.job.signal.aborted) {
      report.state = 'stopped';
      break;
    }
    o.job.log(`${name}: ${batch.length - report.failed} ok, ${report.failed} failed.`);
    if (wave.canary && report.failed)
      stopped = { wave: wave.index, reason: `${report.failed} canary tenant(s) failed` };
    else if (failed > budget)
      stopped = { wave: wave.index, reason: `${failed} tenant(s) failed, more than --max-failures ${budget}` };
    else if (o.options.check && !o.dryRun) {
      const migrated = batch.map((t) => t.schema).filter((s) => results.get(s)?.state === 'applied');
      if (migrated.length) {
        o.job.log(`${name}: running check ${o.options.check} on ${migrated.length} tenant(s)…`);
        report.check = await checkWave(o, migrated);
        o.job.log(
          `${name}: check ${o.options.check} ${report.check?.passed ? 'passed' : `failed (${report.check?.fail ?? 0} failing, ${report.check?.error ?? 0} erroring)`}.`,
        );
        if (!report.check?.passed)
          stopped = { wave: wave.index, reason: `check ${o.options.check} failed after ${name}` };
      }
    }
  }
  if (stopped)
    o.job.log(`rollout stopped at wave ${stopped.wave}: ${stopped.reason}. Re-run the same command to resume.`);
  const finalResults = tasks.map(
    (t) =>
      results.get(t.schema) ?? {
        schema: t.schema,
        ...(t.shared ? { shared: true } : {}),
        ...(t.named ? { named: true } : {}),
        state: o.job.signal.aborted ? ('cancelled' as const) : ('skipped' as const),
        done: [],
        durationMs: 0,
      },
  );
  return { results: finalResults, waves: reports, ...(stopped ? { stopped } : {}) };
}
