import type { checksContract } from '../../../shared/contracts/checks';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { publicDefinition } from './check-files';
import { exportReport } from './check-export';
import { applyFix, guardFix, previewFix } from './check-fix';
import { compareReports, listRuns, loadReport, previousRun } from './check-history';
import { runResolved } from './check-runner';
import { loadProjectChecks, resolveTargets } from './check-targets';

/** The checks area's calls, implemented over the core's shared services. */
export function createChecksHandlers(deps: CoreDeps): AreaHandlers<typeof checksContract> {
  const profile = (id: string) => deps.profiles.get(id);

  async function comparisonFor(id: string, previousId?: string) {
    const report = await loadReport(deps.dataDir, id);
    const previous = previousId ? await loadReport(deps.dataDir, previousId) : await previousRun(deps.dataDir, report);
    return { report, comparison: compareReports(report, previous) };
  }

  return {
    'checks.list': async ({ profileId, project }) => {
      const { project: p, checks } = await loadProjectChecks(profile(profileId), project);
      return { projectDir: p.dir, checks: checks.map(publicDefinition) };
    },
    'checks.run': async ({ profileId, ...opts }) => {
      const target = profile(profileId);
      // Resolved before the job starts: a missing project, check or tenant is an answer, not a failed job.
      const targets = await resolveTargets(deps, target, opts);
      const jobId = deps.jobs.start(
        'verify',
        (ctx) => runResolved(deps, target, targets, { ...opts, signal: ctx.signal, onProgress: ctx.progress }),
        { profileId },
      );
      return { jobId };
    },
    'checks.runs': async ({ profileId, limit }) => listRuns(deps.dataDir, { profileId, limit: limit ?? 50 }),
    'checks.report': async ({ id }) => loadReport(deps.dataDir, id),
    'checks.compare': async ({ id, previousId }) => (await comparisonFor(id, previousId)).comparison,
    'checks.export': async ({ id, format }) => {
      const { report, comparison } = await comparisonFor(id);
      return exportReport(report, format, comparison);
    },
    'checks.fixPreview': async ({ profileId, ...opts }) => {
      const target = profile(profileId);
      const jobId = deps.jobs.start(
        'fix-preview',
        (ctx) => previewFix(deps, target, { ...opts, signal: ctx.signal, onProgress: ctx.progress }),
        { profileId },
      );
      return { jobId };
    },
    'checks.fixApply': async ({ profileId, ...opts }) => {
      const target = profile(profileId);
      // Refused at once rather than as a failed job, so the UI can ask for the typed confirmation.
      await guardFix(deps, target, opts.check, opts.confirmDatabase);
      const jobId = deps.jobs.start(
        'fix-apply',
        (ctx) => applyFix(deps, target, { ...opts, signal: ctx.signal, onProgress: ctx.progress }),
        { profileId },
      );
      return { jobId };
    },
  };
}
