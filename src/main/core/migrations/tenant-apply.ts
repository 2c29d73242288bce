import type { ClientBase, QueryResult } from 'pg';
import { AppError } from '../../../shared/errors';
import { quoteIdent } from '../db/identifiers';
import {
  lockTenant,
  lockTenantInTransaction,
  tryTenantLockInTransactionSql,
  withTenantLock,
  type TenantLockOptions,
} from '../domain/tenant-locks';
import { recordApplied, recordFailed, removeLedgerRows } from '../domain/ledger/ledger-writes';
import { createLedgerSql } from '../domain/ledger/ledger-sql';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { loadSqlParser, type SqlStatement } from '../domain/sql';
import { assertRunnable, migrationStatements } from './migration-statements';
import { settleLeftover } from './no-transaction-repair';
import { toSegments, type Segment } from './segments';
import { failureFor, nameLockHolders, type SchemaFailure } from './migration-failures';

export type { SchemaFailure } from './migration-failures';

export interface ApplyToSchemaOptions {
  appliedBy?: string;
  /**
   * Already inside a transaction the caller owns (tenant creation): transactional files run there,
   * up to the first no-transaction file; that file and the rest come back as `remaining`, for the
   * caller to apply (without inTransaction) after its COMMIT.
   */
  inTransaction?: boolean;
  /** Execute transactional files and roll them back; no-transaction files are only listed. */
  dryRun?: boolean;
  lockTimeoutMs?: number;
  statementTimeoutMs?: number;
  signal?: AbortSignal;
  /** 'remove' for rollbacks: the files are down files, and their ledger rows are deleted in the same transaction. */
  ledgerAction?: 'record' | 'remove';
  /**
   * `migrate --repair`: a no-transaction file whose index is already built and valid (its run was
   * killed after the server started it) is recorded as applied instead of refused.
   */
  repair?: boolean;
  /** Called before such a repair is recorded (the caller audits it; a throw records nothing). */
  onRepair?: (schema: string, file: MigrationFile) => Promise<void> | void;
  /** Seconds to wait for the tenant's lock when another operation holds it (default: the process's --lock-wait). */
  lockWaitSeconds?: number;
  /** Called before each file runs (progress: current tenant and migration). */
  onFile?: (file: MigrationFile) => void;
}

export interface SchemaApplyResult {
  /** Committed (apply) or executed then rolled back (dry run), in order. */
  done: string[];
  durations: Record<string, number>;
  notDryRunnable: string[];
  /** No-transaction files recorded by `--repair` (their index was already built), not run. */
  repaired: string[];
  remaining: MigrationFile[];
  failure?: SchemaFailure;
  cancelled: boolean;
}

const ms = (n: number | undefined, fallback: number) => String(Math.max(0, Math.floor(n ?? fallback)));

function beginSql(schema: string, opts: ApplyToSchemaOptions, begin: boolean): string {
  return [
    begin ? 'BEGIN' : '',
    `SET LOCAL search_path TO ${quoteIdent(schema)}, public`,
    `SET LOCAL lock_timeout = ${ms(opts.lockTimeoutMs, 10_000)}`,
    `SET LOCAL statement_timeout = ${ms(opts.statementTimeoutMs, 1_800_000)}`,
    // Django's FKs are DEFERRABLE INITIALLY DEFERRED: data and DDL in one transaction would hit "pending trigger events".
    'SET CONSTRAINTS ALL IMMEDIATE',
    createLedgerSql(schema),
  ]
    .filter(Boolean)
    .join(';\n');
}

async function writeLedgerRows(
  client: ClientBase,
  schema: string,
  files: MigrationFile[],
  durations: Record<string, number>,
  appliedBy: string | undefined,
  action: ApplyToSchemaOptions['ledgerAction'] = 'record',
): Promise<void> {
  if (action === 'remove')
    await removeLedgerRows(
      client,
      schema,
      files.map((f) => f.name),
    );
  else await recordApplied(client, schema, files, durations, appliedBy);
}

/** A failed migration leaves a `failed` ledger row; a cancel, a dry run, a rollback or a refused lock does not. */
function recordsFailure(result: SchemaApplyResult, opts: ApplyToSchemaOptions): boolean {
  return (
    !!result.failure &&
    !result.cancelled &&
    !opts.dryRun &&
    opts.ledgerAction !== 'remove' &&
    result.failure.error.code !== 'TENANT_LOCKED'
  );
}

/** CLI.md: a failed attempt is written after its rollback, in a transaction of its own; it never replaces an applied row. */
async function recordFailure(
  client: ClientBase,
  schema: string,
  failure: SchemaFailure,
  appliedBy: string | undefined,
): Promise<void> {
  try {
    await client.query(createLedgerSql(schema));
    await recordFailed(client, schema, failure.file, failure.error.message, appliedBy);
  } catch {
    // The connection may be gone (that is often why the file failed); the failure is still in the report.
  }
}

/** Runs a file statement by statement (as PostgreSQL's parser splits it), so that a failure knows its statement. */
async function runFile(client: ClientBase, file: MigrationFile, at: { statement?: SqlStatement }): Promise<void> {
  for (const statement of migrationStatements(file)) {
    at.statement = statement;
    await client.query(statement.text);
  }
}

/** CREATE INDEX CONCURRENTLY that failed leaves an INVALID index behind; a retry drops it first. */
async function dropInvalidIndex(client: ClientBase, schema: string, statement: SqlStatement): Promise<void> {
  const index =
    statement.kind === 'IndexStmt' && statement.node.concurrent
      ? (statement.node.idxname as string | undefined)
      : undefined;
  if (!index) return;
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND NOT i.indisvalid`,
    [schema, index],
  );
  if (rows.length)
    await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdent(schema)}.${quoteIdent(rows[0].name)}`);
}

async function runTransactionSegment(
  client: ClientBase,
  schema: string,
  files: MigrationFile[],
  opts: ApplyToSchemaOptions,
  result: SchemaApplyResult,
  lock?: TenantLockOptions,
): Promise<boolean> {
  const begun = (await client.query(
    lock
      ? `${beginSql(schema, opts, true)};\n${tryTenantLockInTransactionSql(schema, lock.what)}`
      : beginSql(schema, opts, true),
  )) as unknown as QueryResult<{ ok?: boolean }>[];
  let current = files[0];
  const at: { statement?: SqlStatement } = {};
  try {
    if (lock && !begun.at(-1)?.rows[0]?.ok) await lockTenantInTransaction(client, schema, lock);
    for (const file of files) {
      current = file;
      if (opts.signal?.aborted) throw new AppError('CANCELLED', 'cancelled');
      opts.onFile?.(file);
      const started = performance.now();
      await runFile(client, file, at);
      result.durations[file.name] = Math.round(performance.now() - started);
    }
    if (opts.dryRun || opts.signal?.aborted) {
      await client.query('ROLLBACK');
      if (!opts.dryRun) throw new AppError('CANCELLED', 'cancelled');
    } else {
      await writeLedgerRows(client, schema, files, result.durations, opts.appliedBy, opts.ledgerAction);
      await client.query('COMMIT');
    }
    result.done.push(...files.map((f) => f.name));
    return true;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    result.failure = failureFor(e, schema, current, opts.signal, at.statement);
    if (result.failure.error.code === 'LOCK_TIMEOUT')
      result.failure.error = await nameLockHolders(client, schema, result.failure.error);
    result.cancelled = result.failure.error.code === 'CANCELLED';
    return false;
  }
}

/** `migrate --repair`: the index this file builds is there and valid; the repair is audited first (no line, no row), then its ledger row written. */
async function recordRepair(
  client: ClientBase,
  schema: string,
  file: MigrationFile,
  opts: ApplyToSchemaOptions,
  result: SchemaApplyResult,
): Promise<void> {
  await opts.onRepair?.(schema, file);
  result.durations[file.name] = 0;
  await client.query(createLedgerSql(schema));
  await writeLedgerRows(client, schema, [file], result.durations, opts.appliedBy, 'record');
  result.done.push(file.name);
  result.repaired.push(file.name);
}

async function runNoTransactionFile(
  client: ClientBase,
  schema: string,
  file: MigrationFile,
  opts: ApplyToSchemaOptions,
  result: SchemaApplyResult,
): Promise<boolean> {
  if (opts.signal?.aborted) {
    result.cancelled = true;
    return false;
  }
  opts.onFile?.(file);
  let statement: SqlStatement | undefined;
  try {
    assertRunnable([file]);
    [statement] = migrationStatements(file);
    if (
      opts.ledgerAction !== 'remove' &&
      (await settleLeftover(client, schema, file, statement, Boolean(opts.repair))) === 'record'
    ) {
      await recordRepair(client, schema, file, opts, result);
      return true;
    }
    await dropInvalidIndex(client, schema, statement);
    // SET LOCAL does nothing outside a transaction, and a multi-statement string is one implicit transaction: one query each.
    await client.query(`SET search_path TO ${quoteIdent(schema)}, public`);
    await client.query(`SET lock_timeout = ${ms(opts.lockTimeoutMs, 10_000)}`);
    await client.query(`SET statement_timeout = ${ms(opts.statementTimeoutMs, 1_800_000)}`);
    const started = performance.now();
    await client.query(statement.text);
    result.durations[file.name] = Math.round(performance.now() - started);
    await client.query('RESET ALL');
    await client.query(createLedgerSql(schema));
    await writeLedgerRows(client, schema, [file], result.durations, opts.appliedBy, opts.ledgerAction);
    result.done.push(file.name);
    return true;
  } catch (e) {
    await client.query('RESET ALL').catch(() => undefined);
    result.failure = failureFor(e, schema, file, opts.signal, statement);
    result.cancelled = result.failure.error.code === 'CANCELLED';
    return false;
  }
}

/**
 * Runs `files` on `schema` segment by segment, all-or-nothing per segment (per schema when no file
 * is marked no-transaction). Never throws for a failing file: the result says where it stopped.
 */
export async function runSchemaMigrations(
  client: ClientBase,
  schema: string,
  files: MigrationFile[],
  opts: ApplyToSchemaOptions = {},
): Promise<SchemaApplyResult> {
  const result: SchemaApplyResult = {
    done: [],
    durations: {},
    notDryRunnable: [],
    repaired: [],
    remaining: [],
    cancelled: false,
  };
  if (!files.length) return result;
  await loadSqlParser();
  // A dry run rolls everything back, so later segments would miss earlier ones: run all transactional files in one.
  const segments: Segment[] = opts.dryRun
    ? [{ kind: 'transaction', files: files.filter((f) => !f.noTransaction) }]
    : toSegments(files);
  if (opts.dryRun) result.notDryRunnable = files.filter((f) => f.noTransaction).map((f) => f.name);
  const lockOptions: TenantLockOptions = {
    what: opts.ledgerAction === 'remove' ? 'rollback' : opts.dryRun ? 'dry run' : 'migrate',
    signal: opts.signal,
    waitSeconds: opts.lockWaitSeconds,
  };
  if (segments.length === 1 && segments[0].kind === 'transaction') {
    // The usual run, one transaction: its tenant lock is tried with its BEGIN and goes with its COMMIT or
    // ROLLBACK (two round trips fewer a tenant). A failed attempt is written under the lock taken again.
    if (await runTransactionSegment(client, schema, segments[0].files, opts, result, lockOptions)) return result;
    if (recordsFailure(result, opts))
      await withTenantLock(client, schema, lockOptions, () =>
        recordFailure(client, schema, result.failure!, opts.appliedBy),
      ).catch(() => undefined);
    return result;
  }
  let release: () => Promise<void>;
  try {
    release = await lockTenant(client, schema, lockOptions);
  } catch (e) {
    result.failure = {
      file: files[0],
      error: e instanceof AppError ? e : failureFor(e, schema, files[0], opts.signal).error,
    };
    result.cancelled = result.failure.error.code === 'CANCELLED';
    return result;
  }
  try {
    await runSegments(client, schema, segments, opts, result);
  } finally {
    await release();
  }
  return result;
}

async function runSegments(
  client: ClientBase,
  schema: string,
  segments: Segment[],
  opts: ApplyToSchemaOptions,
  result: SchemaApplyResult,
): Promise<void> {
  for (const segment of segments) {
    const ok =
      segment.kind === 'transaction'
        ? segment.files.length === 0 || (await runTransactionSegment(client, schema, segment.files, opts, result))
        : await runNoTransactionFile(client, schema, segment.file, opts, result);
    if (!ok) {
      if (recordsFailure(result, opts)) await recordFailure(client, schema, result.failure!, opts.appliedBy);
      break;
    }
  }
}

/**
 * Applies `files` (in order) to `schema` and writes their ledger rows; throws MIGRATION_FAILED (or
 * LOCK_TIMEOUT…) naming the file. Tenant creation calls it for a new schema inside its own transaction
 * (`inTransaction`), then, after COMMIT, again without it for `remaining` (no-transaction files).
 */
export async function applyMigrationsToSchema(
  client: ClientBase,
  schema: string,
  files: MigrationFile[],
  opts: ApplyToSchemaOptions = {},
): Promise<SchemaApplyResult> {
  await loadSqlParser();
  // A file that cannot run (syntax, psql-only lines, a no-transaction file of several statements) refuses before the schema is touched.
  assertRunnable(files);
  if (!opts.inTransaction) {
    const result = await runSchemaMigrations(client, schema, files, opts);
    if (result.failure) throw result.failure.error;
    return result;
  }
  const cut = files.findIndex((f) => f.noTransaction);
  const now = cut < 0 ? files : files.slice(0, cut);
  const result: SchemaApplyResult = {
    done: [],
    durations: {},
    notDryRunnable: [],
    repaired: [],
    remaining: cut < 0 ? [] : files.slice(cut),
    cancelled: false,
  };
  await client.query(beginSql(schema, opts, false));
  for (const file of now) {
    opts.onFile?.(file);
    const started = performance.now();
    const at: { statement?: SqlStatement } = {};
    try {
      await runFile(client, file, at);
    } catch (e) {
      throw failureFor(e, schema, file, opts.signal, at.statement).error;
    }
    result.durations[file.name] = Math.round(performance.now() - started);
    result.done.push(file.name);
  }
  if (now.length) await writeLedgerRows(client, schema, now, result.durations, opts.appliedBy);
  return result;
}
