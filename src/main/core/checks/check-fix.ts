import type { ClientBase, FieldDef, Pool } from 'pg';
import { AppError } from '../../../shared/errors';
import type { CheckError, FixApply, FixOutcome, FixPreview } from '../../../shared/model/checks';
import type { Profile } from '../../../shared/model/profile';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { quoteIdent } from '../db/identifiers';
import { lockTenantInTransaction } from '../domain/tenant-locks';
import { assertWritable, requireProductionConfirmation } from '../safety';
import { forEachWithClient } from './bounded-workers';
import type { LoadedCheck } from './check-files';
import { DEFAULT_PARALLEL, DEFAULT_TIMEOUT_MS, runOnTargets } from './check-runner';
import { bindParams, trimStatement } from '../domain/check-sql';
import { resolveTargets, type CheckTargets } from './check-targets';
import { classifyError, columnKeys, rowsAsObjects, runChecksInSchema } from './run-tenant-checks';

const PREVIEW_ROW_CAP = 200;
const FIX_LOCK_TIMEOUT_MS = 5000;

export interface FixOptions {
  project?: string;
  check: string;
  params?: Record<string, Record<string, string>>;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, current: string) => void;
}

interface FixRun {
  count: number;
  columns: string[];
  rows: unknown[][];
}

/** The check with its fix, or why it cannot be fixed. */
async function fixTarget(
  deps: CoreDeps,
  profile: Profile,
  opts: FixOptions,
  tenants?: string[],
): Promise<{ targets: CheckTargets; check: LoadedCheck & { fixSql: string; fix: string } }> {
  const targets = await resolveTargets(deps, profile, {
    project: opts.project,
    checks: [opts.check],
    tenants,
    params: opts.params,
  });
  const check = targets.checks[0];
  if (check.problem) throw new AppError('CHECK_FAILED', check.problem.message, check.problem.hint);
  if (!check.fixSql || !check.fix)
    throw new AppError(
      'NOT_SUPPORTED',
      `The check ${check.id} has no fix.`,
      'Name a fix file in its header: "-- fix: NAME.fix.sql".',
    );
  return { targets, check: check as LoadedCheck & { fixSql: string; fix: string } };
}

/**
 * Runs the fix in the schema inside a transaction, then decides: `keep(count)` true commits,
 * false rolls back (a throw rolls back too). Under lock_timeout, since even a rolled-back
 * preview takes locks.
 */
async function runFix(
  client: ClientBase,
  schema: string,
  check: LoadedCheck & { fixSql: string },
  opts: FixOptions,
  keep: (count: number) => Promise<boolean>,
): Promise<FixRun> {
  const bound = bindParams(trimStatement(check.fixSql), check.params, opts.params?.[check.id] ?? {});
  const searchPath = schema === 'public' ? 'public' : `${quoteIdent(schema)}, public`;
  await client.query(
    `BEGIN; SET LOCAL search_path TO ${searchPath}; SET LOCAL lock_timeout = ${FIX_LOCK_TIMEOUT_MS}; SET LOCAL statement_timeout = ${Math.round(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)}`,
  );
  try {
    await lockTenantInTransaction(client, schema, { what: 'fix', signal: opts.signal });
    const res = (await client.query({
      text: bound.text,
      values: bound.values,
      rowMode: 'array',
      queryMode: 'extended',
    } as never)) as unknown as {
      fields: FieldDef[];
      rows: unknown[][];
      rowCount: number | null;
    };
    const run = { count: res.rowCount ?? res.rows.length, columns: columnKeys(res.fields ?? []), rows: res.rows ?? [] };
    await client.query((await keep(run.count)) ? 'COMMIT' : 'ROLLBACK');
    return run;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** The project's parallelism, with a pool sized for it (refused above the stated maximum). */
async function sizedPool(
  deps: CoreDeps,
  profile: Profile,
  targets: CheckTargets,
): Promise<{ pool: Pool; parallel: number }> {
  const parallel = targets.project.config.parallelism ?? DEFAULT_PARALLEL;
  return { pool: await deps.pools.sized(profile, parallel, 'tenantry.yaml parallelism'), parallel };
}

/**
 * Shows what the fix would create or change in each tenant: it runs, and is rolled back.
 * Without `tenants`, the check runs first and only the tenants where it fails are previewed.
 */
export async function previewFix(
  deps: CoreDeps,
  profile: Profile,
  opts: FixOptions & { tenants?: string[] },
): Promise<FixPreview> {
  assertWritable(profile, 'Previewing a fix');
  const { targets, check } = await fixTarget(deps, profile, opts, opts.tenants);
  let schemas = check.scope === 'shared' ? ['public'] : check.scope === 'tenant' ? targets.tenants : [check.scope];
  if (!opts.tenants?.length) {
    const results = await runOnTargets(deps, profile, targets, {
      params: opts.params,
      timeoutMs: opts.timeoutMs,
      rowCap: 1,
      signal: opts.signal,
    });
    schemas = results.filter((r) => r.status === 'fail').map((r) => r.tenant);
  }
  opts.onProgress?.(0, schemas.length, '');
  const { pool, parallel } = await sizedPool(deps, profile, targets);
  const tenants = await forEachWithClient(
    pool,
    schemas,
    parallel,
    async (client, schema) => {
      try {
        const run = await runFix(client, schema, check, opts, async () => false);
        return {
          tenant: schema,
          count: run.count,
          columns: run.columns,
          rows: rowsAsObjects(run.columns, run.rows.slice(0, PREVIEW_ROW_CAP)),
        };
      } catch (e) {
        return { tenant: schema, count: 0, columns: [], rows: [], error: classifyError(e, schema) };
      }
    },
    { signal: opts.signal, onDone: (done, schema) => opts.onProgress?.(done, schemas.length, schema) },
  );
  if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The fix preview was cancelled.');
  const list = tenants.filter((t): t is NonNullable<typeof t> => t !== undefined);
  return { check: check.id, fix: check.fix, tenants: list, total: list.reduce((n, t) => n + t.count, 0) };
}

function mismatch(schema: string, changed: number, expected: number): AppError {
  return new AppError(
    'FIX_ROWS_MISMATCH',
    `In ${schema} the fix would touch ${changed} rows, but the preview showed ${expected}; nothing was changed.`,
    'The data changed since the preview. Preview the fix again, then apply.',
    { tenant: schema },
  );
}

/** Refuses (and audits the refusal) on a read-only profile, or on production without the typed database name. */
export async function guardFix(
  deps: CoreDeps,
  profile: Profile,
  check: string,
  confirmDatabase: string | undefined,
): Promise<void> {
  try {
    assertWritable(profile, 'Applying a fix');
    requireProductionConfirmation(profile, confirmDatabase, `Applying the fix of ${check}`);
  } catch (e) {
    await deps.audit.record({
      ...profileFields(profile),
      action: 'checks.fix',
      target: check,
      result: 'refused',
      error: (e as Error).message,
    });
    throw e;
  }
}

/**
 * Applies the fix per tenant, each in one transaction, refusing a tenant where it would touch
 * more rows than its preview said (FIX_ROWS_MISMATCH, rolled back); re-runs the check where it
 * committed, to prove it passes. Every tenant's outcome is audited.
 */
export async function applyFix(
  deps: CoreDeps,
  profile: Profile,
  opts: FixOptions & { tenants: { tenant: string; expected: number }[]; confirmDatabase?: string },
): Promise<FixApply> {
  const base = { ...profileFields(profile), action: 'checks.fix' };
  await guardFix(deps, profile, opts.check, opts.confirmDatabase);
  const wanted = opts.tenants.map((t) => t.tenant).filter((t) => t !== 'public');
  const { targets, check } = await fixTarget(deps, profile, opts, wanted.length ? wanted : undefined);
  if (check.scope === 'shared' && opts.tenants.some((t) => t.tenant !== 'public')) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${check.id} is a shared check: its fix runs in public only.`,
      'Apply it with the tenant "public".',
    );
  }
  const rowCap = 20;
  opts.onProgress?.(0, opts.tenants.length, '');
  const { pool, parallel } = await sizedPool(deps, profile, targets);
  const outcomes = await forEachWithClient(
    pool,
    opts.tenants,
    parallel,
    async (client, { tenant, expected }): Promise<FixOutcome> => {
      const started = Date.now();
      const audit = { ...base, target: tenant, params: { check: check.id, fix: check.fix, expected } };
      let changed = 0;
      try {
        // The audit line is written before COMMIT: if it cannot be written, nothing changes unrecorded.
        const run = await runFix(client, tenant, check, opts, async (count) => {
          changed = count;
          if (count > expected) return false;
          await deps.audit.record({
            ...audit,
            params: { ...audit.params, changed },
            result: 'ok',
            durationMs: Date.now() - started,
          });
          return true;
        });
        if (run.count > expected) throw mismatch(tenant, run.count, expected);
      } catch (e) {
        const error: CheckError = classifyError(e, tenant);
        const refused = error.code === 'FIX_ROWS_MISMATCH';
        await deps.audit.record({
          ...audit,
          params: { ...audit.params, changed },
          result: refused ? 'refused' : 'failed',
          error: error.message,
          durationMs: Date.now() - started,
        });
        return { tenant, status: refused ? 'refused' : 'failed', expected, changed: 0, error };
      }
      const [recheck] = await runChecksInSchema(client, tenant, [check], {
        timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        rowCap,
        params: opts.params ?? {},
        latestMigration: targets.latestMigration,
      });
      return { tenant, status: 'fixed', expected, changed, recheck };
    },
    { signal: opts.signal, onDone: (done, t) => opts.onProgress?.(done, opts.tenants.length, t.tenant) },
  );
  const list = outcomes.filter((o): o is FixOutcome => o !== undefined);
  return {
    check: check.id,
    fix: check.fix,
    outcomes: list,
    allPassing:
      list.length === opts.tenants.length && list.every((o) => o.status === 'fixed' && o.recheck?.status === 'pass'),
  };
}
