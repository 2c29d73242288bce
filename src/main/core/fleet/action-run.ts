import type pg from 'pg';
import type { ActionReport, ActionTenantResult } from '../../../shared/model/fleet';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { quoteIdent } from '../db/identifiers';
import { jsonValue } from '../domain/db-values';
import { isConnectionError, toAppError } from '../db/pg-errors';
import { requireParallel } from '../db/pools';
import { lockTenantInTransaction } from '../domain/tenant-locks';
import { runWorkers } from '../domain/worker-pool';
import type { JobContext } from '../jobs/jobs';
import { requireProject } from '../project/project';
import { assertWritable, requireProductionConfirmation } from '../safety';
import { loadFleet } from '../domain/registry/fleet';
import { tenantContext, type TenantTarget } from '../domain/registry/tenant-context';
import { loadAction } from './action-files';
import { bindStatement, resolveParams, splitStatements, type BoundStatement } from './action-params';
import { chooseTenants } from './baseline';

export interface ActionRunInput extends TenantTarget {
  action: string;
  tenants?: string[];
  params?: Record<string, string>;
  dryRun?: boolean;
  stopOnError?: boolean;
  confirmDatabase?: string;
}

const ROW_CAP = 20;
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** One tenant, one transaction: committed, or rolled back for a preview or on failure. */
async function runInTenant(
  client: pg.ClientBase,
  tenant: string,
  statements: BoundStatement[],
  dryRun: boolean,
): Promise<ActionTenantResult> {
  const started = Date.now();
  const result: ActionTenantResult = {
    tenant,
    state: dryRun ? 'previewed' : 'done',
    rowsChanged: 0,
    rows: [],
    durationMs: 0,
  };
  try {
    await client.query('BEGIN');
    await lockTenantInTransaction(client, tenant, { what: dryRun ? 'action preview' : 'action' });
    await client.query(`SET LOCAL search_path TO ${quoteIdent(tenant)}, public; SET LOCAL lock_timeout = 10000`);
    for (const s of statements) {
      const r = await client.query(s.text, s.values);
      if (WRITES.has(r.command)) result.rowsChanged += r.rowCount ?? 0;
      for (const row of r.rows ?? []) {
        if (result.rows.length >= ROW_CAP) break;
        result.rows.push(
          Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, jsonValue(v)])),
        );
      }
    }
    await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    const err = toAppError(e, undefined, tenant);
    Object.assign(result, {
      state: 'failed',
      rowsChanged: 0,
      rows: [],
      error: { code: err.code, message: err.message, ...(err.sqlstate ? { sqlstate: err.sqlstate } : {}) },
    });
  }
  result.durationMs = Date.now() - started;
  return result;
}

function countStates(tenants: ActionTenantResult[]): ActionReport['counts'] {
  const counts = { done: 0, previewed: 0, failed: 0, skipped: 0 };
  for (const t of tenants) counts[t.state] += 1;
  return counts;
}

/**
 * `tenantry action run NAME`: validates the action, its parameters and the tenants before anything
 * runs, then runs it per tenant as a job. A tenant that fails is rolled back and named; the rest
 * go on unless `stopOnError`.
 */
export async function startActionRun(deps: CoreDeps, input: ActionRunInput): Promise<{ jobId: string }> {
  const ctx = await tenantContext(deps, input);
  const project = ctx.project ?? (await requireProject(ctx.profile, input.project));
  const action = await loadAction(project.dir, input.action);
  const values = resolveParams(action.params, input.params ?? {});
  const statements = splitStatements(action.sql).map((s) => bindStatement(s, action.params, values));
  const dryRun = Boolean(input.dryRun);
  if (!dryRun) {
    assertWritable(ctx.profile, `The action ${action.id}`);
    requireProductionConfirmation(ctx.profile, input.confirmDatabase, `The action ${action.id}`);
  }
  const fleet = await deps.pools.withClient(ctx.profile, (client) => loadFleet(client, ctx.spec, ctx.ignoreSchemas));
  const tenants = chooseTenants(fleet, input.tenants);
  // Refused now (before the job) above the pool's stated maximum, never silently capped.
  const parallel = requireParallel(project.config.parallelism ?? 4, 'tenantry.yaml parallelism');

  const work = async (job: JobContext): Promise<ActionReport> => {
    const results: ActionTenantResult[] = tenants.map((tenant) => ({
      tenant,
      state: 'skipped',
      rowsChanged: 0,
      rows: [],
      durationMs: 0,
    }));
    let done = 0;
    let stopped = false;
    const pool = await deps.pools.sized(ctx.profile, parallel, 'tenantry.yaml parallelism');
    const workers = { parallel, signal: job.signal, stopWhen: () => stopped };
    await runWorkers(tenants, workers, async (queue) => {
      for (const [, i] of queue) {
        const client = await pool.connect().catch((e: unknown) => {
          throw toAppError(e, ctx.profile);
        });
        let broken = false;
        try {
          results[i] = await runInTenant(client, tenants[i], statements, dryRun);
          broken = results[i].state === 'failed' && isConnectionError(results[i].error?.code);
        } finally {
          client.release(broken);
        }
        if (results[i].state === 'failed') {
          job.log(`${tenants[i]}: ${results[i].error?.message ?? 'failed'} (rolled back)`);
          if (input.stopOnError) stopped = true;
        }
        job.progress(++done, tenants.length, tenants[i]);
      }
    });
    job.throwIfCancelled();
    return { action: action.id, dryRun, params: values, tenants: results, counts: countStates(results), stopped };
  };

  // The outcome line says which tenants failed: a run that rolled some back is not simply "ok".
  const audited = async (job: JobContext): Promise<ActionReport> => {
    if (dryRun) return work(job);
    const base = {
      ...profileFields(ctx.profile),
      action: 'fleet.runAction',
      target: action.id,
      params: {
        action: action.id,
        tenants: tenants.length <= 20 ? tenants : tenants.length,
        params: values,
        stopOnError: Boolean(input.stopOnError),
      },
    };
    const intent = await deps.audit.record({ ...base, result: 'intent' });
    const started = Date.now();
    let report: ActionReport;
    try {
      report = await work(job);
    } catch (e) {
      const err = toAppError(e);
      await deps.audit
        .record({
          ...base,
          intent: intent.hash,
          result: err.code === 'CANCELLED' ? 'cancelled' : 'failed',
          error: err.message,
          durationMs: Date.now() - started,
        })
        .catch(() => undefined);
      throw e;
    }
    const failed = report.tenants.filter((t) => t.state === 'failed').map((t) => t.tenant);
    await deps.audit
      .record({
        ...base,
        intent: intent.hash,
        result: failed.length ? 'failed' : 'ok',
        ...(failed.length ? { error: `failed and rolled back in: ${failed.slice(0, 20).join(', ')}` } : {}),
        durationMs: Date.now() - started,
      })
      .catch(() => undefined);
    return report;
  };
  return { jobId: deps.jobs.start('action', audited, { profileId: ctx.profile.id }) };
}
