import type pg from 'pg';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { SchemaRun, SchemaStatus } from '../../../shared/model/migrations';
import { quoteIdent } from '../db/identifiers';
import { toAppError } from '../db/pg-errors';
import { lockTenantInTransaction } from '../domain/tenant-locks';
import type { FleetTask, RunFleetOptions } from './fleet-runner';
import type { SchemaLedgers } from '../domain/ledger/ledger-read';
import { readMigrationDir, type MigrationFile, type MigrationSet } from '../domain/ledger/migration-files';
import { schemaLists } from './status-matrix';
import {
  applyMigrationsToSchema,
  runSchemaMigrations,
  type ApplyToSchemaOptions,
  type SchemaApplyResult,
} from './tenant-apply';

/**
 * Named schemas (tenantry.yaml `schemas:`): one database split by domain (auth, users, chat…)
 * beside public. Each has migrations/<schema>/ and its own ledger; a run applies public, then the
 * named schemas in their listed order (so foreign keys across them find their tables), then tenants.
 */
export interface NamedSchemaFiles {
  schema: string;
  files: MigrationFile[];
}

export interface ProjectMigrations extends MigrationSet {
  named: NamedSchemaFiles[];
}

export async function readNamedMigrations(projectDir: string, schemas: string[]): Promise<NamedSchemaFiles[]> {
  return Promise.all(
    schemas.map(async (schema) => ({
      schema,
      files: await readMigrationDir(path.join(projectDir, 'migrations', schema)),
    })),
  );
}

/** The files a status row is measured against: public's, its own named schema's, or the tenants'. */
export function filesForRow(
  files: ProjectMigrations,
  row: Pick<SchemaStatus, 'schema' | 'shared' | 'named'>,
): MigrationFile[] {
  if (row.shared) return files.shared;
  if (row.named) return files.named.find((n) => n.schema === row.schema)?.files ?? [];
  return files.tenant;
}

/** One status row per named schema, in apply order; a schema not created yet has every file pending. */
export function namedStatusRows(named: NamedSchemaFiles[], ledgers: Map<string, SchemaLedgers>): SchemaStatus[] {
  return named.map((n) => ({
    schema: n.schema,
    name: n.schema,
    named: true,
    ...schemaLists(n.files, ledgers.get(n.schema)?.tenantry),
  }));
}

/** A schema asked for by name must be one tenantry.yaml lists under schemas:. */
export function refuseUnlistedSchemas(asked: string[], listed: string[]): void {
  for (const s of asked) {
    if (!listed.includes(s))
      throw new AppError(
        'VALIDATION_FAILED',
        `${s} is not a named schema of this project.`,
        listed.length
          ? `Named schemas (tenantry.yaml schemas:): ${listed.join(', ')}.`
          : 'List named schemas in tenantry.yaml under schemas:.',
        { field: 'schemas' },
      );
  }
}

/**
 * `--schemas a,b`: those named schemas only (unknown names refused). Without it, every named
 * schema. Names are checked against tenantry.yaml, never taken as SQL.
 */
export function chooseNamedRows(rows: SchemaStatus[], schemas: string[] | undefined, listed: string[]): SchemaStatus[] {
  const named = rows.filter((r) => r.named);
  if (!schemas) return named;
  refuseUnlistedSchemas(schemas, listed);
  return named.filter((r) => schemas.includes(r.schema));
}

/** Applies a named schema's files, creating the schema when it is missing (dry runs go through dryRunInOrder). */
export async function runNamedSchema(
  client: pg.Client,
  task: FleetTask,
  opts: ApplyToSchemaOptions,
): Promise<SchemaApplyResult> {
  if (!opts.dryRun) {
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(task.schema)}`);
    } catch (e) {
      // e.g. a role without CREATE on the database: this schema fails (and stops the ones after it), the run reports it.
      const base = toAppError(e, undefined, task.schema);
      const error = new AppError(
        base.code === 'SQL_ERROR' ? 'MIGRATION_FAILED' : base.code,
        `Schema ${task.schema} could not be created: ${base.message}`,
        'Grant CREATE on the database to this role, or create the schema first.',
        { sqlstate: base.sqlstate, tenant: task.schema },
      );
      return {
        done: [],
        durations: {},
        notDryRunnable: [],
        repaired: [],
        remaining: [],
        failure: { file: task.files[0], error },
        cancelled: false,
      };
    }
  }
  return runSchemaMigrations(client, task.schema, task.files, opts);
}

/**
 * A dry run of public and the named schemas in ONE transaction, rolled back at the end: a schema's
 * files may reference tables an earlier schema's pending files create, which separate rolled-back
 * transactions would not show. The first failure fails its schema; the schemas after it are skipped.
 */
export async function dryRunInOrder(
  client: pg.Client,
  tasks: FleetTask[],
  opts: ApplyToSchemaOptions,
): Promise<SchemaRun[]> {
  const runs: SchemaRun[] = [];
  let failed = false;
  await client.query('BEGIN');
  try {
    for (const task of tasks) {
      const base = {
        schema: task.schema,
        ...(task.shared ? { shared: true } : {}),
        ...(task.named ? { named: true } : {}),
      };
      if (failed || opts.signal?.aborted) {
        runs.push({ ...base, state: opts.signal?.aborted ? 'cancelled' : 'skipped', done: [], durationMs: 0 });
        continue;
      }
      const started = performance.now();
      const run: SchemaRun = { ...base, state: 'dry-run-ok', done: [], durationMs: 0 };
      const notDryRunnable = task.files.filter((f) => f.noTransaction).map((f) => f.name);
      if (notDryRunnable.length) run.notDryRunnable = notDryRunnable;
      try {
        await lockTenantInTransaction(client, task.schema, {
          what: 'dry run',
          signal: opts.signal,
          waitSeconds: opts.lockWaitSeconds,
        });
        if (task.named) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(task.schema)}`);
        for (const file of task.files.filter((f) => !f.noTransaction)) {
          run.failedMigration = file.name;
          opts.onFile?.(file);
          await applyMigrationsToSchema(client, task.schema, [file], { ...opts, inTransaction: true });
          run.done.push(file.name);
        }
        delete run.failedMigration;
      } catch (e) {
        const err = e instanceof AppError ? e : new AppError('MIGRATION_FAILED', (e as Error).message);
        run.state = 'failed';
        run.error = {
          code: err.code,
          message: err.message,
          ...(err.sqlstate ? { sqlstate: err.sqlstate } : {}),
          ...(err.hint ? { hint: err.hint } : {}),
        };
        failed = true;
      }
      run.durationMs = Math.round(performance.now() - started);
      runs.push(run);
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
  return runs;
}

/**
 * A dry run with named schemas: public and the named schemas go through dryRunInOrder on one
 * session, then the tenants as usual (or are skipped when an earlier schema failed).
 */
export async function runWithNamedDryRun(
  tasks: FleetTask[],
  dryRun: boolean,
  opts: Omit<RunFleetOptions, 'continueOnError'>,
  runRest: (tasks: FleetTask[]) => Promise<SchemaRun[]>,
): Promise<SchemaRun[]> {
  if (!dryRun || !tasks.some((t) => t.named)) return runRest(tasks);
  const head = tasks.filter((t) => t.shared || t.named);
  const rest = tasks.filter((t) => !t.shared && !t.named);
  const client = await opts.pools.dedicatedClient(opts.profile);
  client.on('error', () => undefined);
  let headRuns: SchemaRun[];
  try {
    headRuns = await dryRunInOrder(client, head, opts);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (headRuns.some((r) => r.state !== 'dry-run-ok'))
    return [
      ...headRuns,
      ...rest.map((t): SchemaRun => ({ schema: t.schema, state: 'skipped', done: [], durationMs: 0 })),
    ];
  return [...headRuns, ...(rest.length ? await runRest(rest) : [])];
}
