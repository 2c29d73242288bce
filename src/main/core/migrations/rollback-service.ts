import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import type { MigrationRun } from '../../../shared/model/migrations';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { assertWritable, requireProductionConfirmation } from '../safety';
import { runFleet, type FleetTask } from './fleet-runner';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { whoAmI } from '../domain/who-am-i';
import { filesForRow } from './named-schemas';
import type { JobContext } from '../jobs/jobs';
import {
  auditRefusal,
  lockAndReadStatus,
  outcomeNotRecorded,
  startLockedJob,
  type LockedContext,
} from './run-preflight';
import { runSchemaMigrations, type ApplyToSchemaOptions, type SchemaApplyResult } from './tenant-apply';

export interface RollbackInput {
  profileId: string;
  project?: string;
  registry?: string;
  name: string;
  tenants: string[];
  confirmDatabase?: string;
  lockTimeoutMs: number;
}

const NO_TRANSACTION = /^--\s*tenantry:no-transaction\s*$/;

function matches(f: MigrationFile, wanted: string): boolean {
  return f.name === wanted || f.name.split('_')[0] === wanted;
}

/** Tenant and shared files first; a named schema's own files only when nothing else has the name. */
function findMigration(
  ctx: LockedContext,
  name: string,
): { file: MigrationFile; scope: 'shared' | 'tenant' | 'named' } {
  const wanted = name.replace(/\.sql$/, '');
  for (const scope of ['tenant', 'shared'] as const) {
    const file = ctx.files[scope].find((f) => matches(f, wanted));
    if (file) return { file, scope };
  }
  const named = ctx.files.named.flatMap((n) => n.files).find((f) => matches(f, wanted));
  if (named) return { file: named, scope: 'named' };
  throw new AppError(
    'VALIDATION_FAILED',
    `No migration named ${name} in ${ctx.project.dir}/migrations.`,
    'Give the file name without .sql (e.g. 0004_enrollment) or its number.',
    { field: 'name' },
  );
}

/** The down file of each migration to undo, as a runnable file (its ledger row is deleted, not written). */
function downFile(f: MigrationFile): MigrationFile {
  return {
    ...f,
    sql: f.downSql ?? '',
    noTransaction: NO_TRANSACTION.test((f.downSql ?? '').split(/\r?\n/, 1)[0] ?? ''),
  };
}

/** Undoes `task.files` (newest first, down files) under the segment rules, deleting their ledger rows in the same transactions. */
function rollbackSchema(client: pg.Client, task: FleetTask, opts: ApplyToSchemaOptions): Promise<SchemaApplyResult> {
  return runSchemaMigrations(client, task.schema, task.files, { ...opts, dryRun: false, ledgerAction: 'remove' });
}

/**
 * rollback NAME --tenants a,b: undoes NAME and every newer applied migration, newest first, each
 * with its down file; refuses before touching anything when a down file is missing.
 */
export async function startRollback(deps: CoreDeps, input: RollbackInput): Promise<{ jobId: string }> {
  const profile = deps.profiles.get(input.profileId);
  const action = 'migrations.rollback';
  const params = { name: input.name, tenants: input.tenants.slice(0, 50) };
  try {
    assertWritable(profile, 'Rolling back');
    requireProductionConfirmation(profile, input.confirmDatabase, 'Rolling back a migration');
  } catch (e) {
    return await auditRefusal(deps, profile, action, e, params);
  }
  const ctx = await lockAndReadStatus(deps, input, 'rollback').catch((e) =>
    auditRefusal(deps, profile, action, e, params),
  );
  return startLockedJob(deps, ctx, { profile, action, params }, 'migrations.rollback', async () => {
    const found = findMigration(ctx, input.name);
    const rows = new Map(ctx.status.tenants.map((r) => [r.schema, r]));
    const tasks: FleetTask[] = [];
    for (const schema of new Set(input.tenants)) {
      const row = rows.get(schema);
      if (!row || row.status === 'missing')
        throw new AppError(
          'TENANT_NOT_FOUND',
          `No tenant schema ${schema} to roll back.`,
          'See `tenantry status` for the schema names.',
          { tenant: schema },
        );
      // A named schema is measured against its own migrations/<schema>/ files.
      const { file: target, scope } = row.named
        ? {
            file: filesForRow(ctx.files, row).find((f) => matches(f, input.name.replace(/\.sql$/, ''))),
            scope: 'named' as const,
          }
        : found;
      if (!target)
        throw new AppError(
          'VALIDATION_FAILED',
          `No migration ${input.name} in migrations/${schema}/.`,
          'Give the file name without .sql (e.g. 0002_sessions) or its number.',
          { field: 'name' },
        );
      if (!row.named && Boolean(row.shared) !== (scope === 'shared'))
        throw new AppError(
          'VALIDATION_FAILED',
          `${target.name} is a ${scope} migration; ${schema} is ${row.shared ? 'the shared schema' : 'a tenant'}.`,
          scope === 'shared' ? 'Use --tenants public.' : 'Name tenant schemas.',
        );
      const files = filesForRow(ctx.files, row);
      const applied = new Set(row.applied);
      const undo = files.filter((f) => f.version >= target.version && applied.has(f.name)).reverse();
      const lacking = undo.filter((f) => f.downSql === undefined);
      if (lacking.length)
        throw new AppError(
          'DOWN_FILE_MISSING',
          `${lacking.map((f) => `${f.name}.down.sql`).join(', ')} missing: cannot roll back ${schema}.`,
          'Write the down file next to the migration; nothing was changed.',
          { tenant: schema },
        );
      refuseDriftOn(row.drifted, undo, schema);
      tasks.push({
        schema,
        ...(row.shared ? { shared: true } : {}),
        ...(row.named ? { named: true } : {}),
        files: undo.map(downFile),
      });
    }
    return async (job: JobContext, intent: string): Promise<MigrationRun> => {
      const t0 = performance.now();
      const results = await runFleet(tasks, {
        profile,
        pools: deps.pools,
        parallel: 2,
        continueOnError: true,
        signal: job.signal,
        lockTimeoutMs: input.lockTimeoutMs,
        appliedBy: whoAmI(),
        controlSession: ctx.session,
        successState: 'rolled-back',
        execute: rollbackSchema,
        onProgress: (d, t, c) => job.progress(d, t, c),
        log: (l) => job.log(l),
      });
      const failed = results.filter((r) => r.state === 'failed').map((r) => r.schema);
      const run: MigrationRun = {
        kind: 'rollback',
        total: tasks.length,
        results,
        failed,
        skippedMissing: [],
        cancelled: job.signal.aborted,
        parallel: 2,
        durationMs: Math.round(performance.now() - t0),
        warnings: [],
      };
      await deps.audit
        .record({
          ...profileFields(profile),
          action,
          intent,
          target: input.tenants.slice(0, 20).join(','),
          params: { ...params, undone: tasks.map((t) => t.files.length) },
          result: run.cancelled ? 'cancelled' : failed.length ? 'failed' : 'ok',
          durationMs: run.durationMs,
        })
        .catch(outcomeNotRecorded(run.warnings));
      return run;
    };
  });
}

function refuseDriftOn(drifted: string[], undo: MigrationFile[], schema: string): void {
  const hit = undo.filter((f) => drifted.includes(f.name));
  if (hit.length)
    throw new AppError(
      'CHECKSUM_DRIFT',
      `${hit.map((f) => f.name).join(', ')} in ${schema} no longer match(es) the applied file; its down file may not undo what ran.`,
      'Restore the original file text first.',
      { tenant: schema },
    );
}
