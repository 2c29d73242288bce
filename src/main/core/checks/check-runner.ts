import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { CheckReport, CheckResult, CheckTotals } from '../../../shared/model/checks';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { newId } from '../domain/ids';
import { forEachWithClient } from './bounded-workers';
import { publicDefinition, type LoadedCheck } from './check-files';
import { saveReport } from './check-history';
import { addMetrics, metricTotals } from './check-metrics';
import { resolveTargets, type CheckTargets, type TargetOptions } from './check-targets';
import { BATCH_SIZE, runBatch } from './run-batch';
import { ReadOnlySession, runChecksInSchema, type TenantRunOptions } from './run-tenant-checks';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_ROW_CAP = 20;
export const DEFAULT_PARALLEL = 4;

export interface RunChecksOptions extends TargetOptions {
  /** Values for `-- param:` headers, by check id then parameter name. */
  params?: Record<string, Record<string, string>>;
  timeoutMs?: number;
  rowCap?: number;
  parallel?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, current: string) => void;
  /** Keep the report in the history (`<app data>/checks/<id>.json`); default true. */
  save?: boolean;
}

interface Unit {
  schema: string;
  checks: LoadedCheck[];
}

export function totalsOf(results: CheckResult[]): CheckTotals {
  const totals: CheckTotals = { pass: 0, fail: 0, error: 0, not_applicable: 0, rows: 0 };
  for (const r of results) {
    totals[r.status] += 1;
    totals.rows += r.count;
  }
  return totals;
}

/** CLI.md: exit 1 when a check of severity error found rows or errored; warnings and info never fail. */
export function reportPassed(results: CheckResult[]): boolean {
  return !results.some((r) => r.severity === 'error' && (r.status === 'fail' || r.status === 'error'));
}

function unitsFor(targets: CheckTargets): Unit[] {
  const shared = targets.checks.filter((c) => c.scope === 'shared');
  const perTenant = targets.checks.filter((c) => c.scope === 'tenant');
  const units: Unit[] = shared.length ? [{ schema: 'public', checks: shared }] : [];
  // A check scoped to a named schema runs there once, like a shared check in public.
  const named = [...new Set(targets.checks.map((c) => c.scope).filter((s) => s !== 'shared' && s !== 'tenant'))];
  for (const schema of named) units.push({ schema, checks: targets.checks.filter((c) => c.scope === schema) });
  if (perTenant.length) for (const schema of targets.tenants) units.push({ schema, checks: perTenant });
  return units;
}

/**
 * Runs the chosen checks over the chosen (or every working) tenant with a bounded pool of
 * connections, each check in a READ ONLY transaction under a statement timeout, and returns
 * the report (saved in the history unless `save: false`). Other areas (checklists) call this.
 */
export async function runChecks(deps: CoreDeps, profile: Profile, opts: RunChecksOptions = {}): Promise<CheckReport> {
  return runResolved(deps, profile, await resolveTargets(deps, profile, opts), opts);
}

/** runChecks for targets already resolved (so callers can report NO_PROJECT or CHECK_NOT_FOUND before starting a job). */
export async function runResolved(
  deps: CoreDeps,
  profile: Profile,
  targets: CheckTargets,
  opts: RunChecksOptions = {},
): Promise<CheckReport> {
  const startedAt = new Date();
  const results = await runOnTargets(deps, profile, targets, opts);
  if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The verification run was cancelled.');
  const endedAt = new Date();
  const totalsOfMetrics = metricTotals(targets.checks, results);
  const report: CheckReport = {
    id: newId(startedAt),
    profileId: profile.id,
    profile: profile.name,
    environment: profile.environment,
    database: profile.database,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
    checks: targets.checks.map(publicDefinition),
    tenants: targets.tenants,
    skipped: targets.skipped,
    results,
    totals: totalsOf(results),
    ...(totalsOfMetrics ? { metricTotals: totalsOfMetrics } : {}),
    passed: reportPassed(results),
  };
  if (opts.save !== false) await saveReport(deps.dataDir, report);
  return report;
}

/**
 * Many tenants per message; the server stops a message at its first error, so a failed batch is
 * split in halves until the failing tenants run alone, where each check is isolated.
 */
async function runSplitting(
  client: ClientBase,
  session: ReadOnlySession,
  batch: Unit[],
  opts: TenantRunOptions,
): Promise<CheckResult[][]> {
  try {
    const results = await runBatch(client, batch, opts);
    if (results) return results;
  } catch {
    if (batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      return [
        ...(await runSplitting(client, session, batch.slice(0, half), opts)),
        ...(await runSplitting(client, session, batch.slice(half), opts)),
      ];
    }
  }
  // Checks with parameters, or one tenant whose batch failed: each check on its own.
  const out: CheckResult[][] = [];
  for (const unit of batch) out.push(await runChecksInSchema(client, unit.schema, unit.checks, opts, session));
  return out;
}

/** The results for already-resolved targets, in unit order (shared checks first, then tenants). */
export async function runOnTargets(
  deps: CoreDeps,
  profile: Profile,
  targets: CheckTargets,
  opts: RunChecksOptions,
): Promise<CheckResult[]> {
  const units = unitsFor(targets);
  if (units.length === 0) return [];
  // The pool grows to the asked parallelism (up to its stated maximum, refused above): never a silent cap.
  const parallel = opts.parallel ?? targets.project.config.parallelism ?? DEFAULT_PARALLEL;
  const runOpts = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    rowCap: opts.rowCap ?? DEFAULT_ROW_CAP,
    params: opts.params ?? {},
    latestMigration: targets.latestMigration,
  };
  opts.onProgress?.(0, units.length, '');
  const pool = await deps.pools.sized(
    profile,
    parallel,
    opts.parallel !== undefined ? '--parallel' : 'tenantry.yaml parallelism',
  );
  const batches: Unit[][] = [];
  for (let i = 0; i < units.length; i += BATCH_SIZE) batches.push(units.slice(i, i + BATCH_SIZE));
  const sessions = new Map<unknown, ReadOnlySession>();
  const withMetrics = targets.checks.some((c) => c.metricsSql);
  let done = 0;
  const perBatch = await forEachWithClient(
    pool,
    batches,
    parallel,
    async (client, batch) => {
      let session = sessions.get(client);
      if (!session) sessions.set(client, (session = new ReadOnlySession(client)));
      await session.close();
      const results = (await runSplitting(client, session, batch, runOpts)).flat();
      // The checks' last transaction (if open) ends with the first metrics BEGIN; the next batch or the release ends the last.
      if (withMetrics)
        for (const unit of batch)
          await addMetrics(client, unit.schema, unit.checks, results, runOpts.timeoutMs, session);
      done += batch.length;
      opts.onProgress?.(done, units.length, batch.at(-1)!.schema);
      return results;
    },
    { signal: opts.signal, beforeRelease: (client) => sessions.get(client)?.close() },
  );
  return perBatch.flatMap((r) => r ?? []);
}
