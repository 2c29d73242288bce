import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import { isConnectionError, toAppError } from '../db/pg-errors';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { positionInText, type SqlStatement } from '../domain/sql';
import { sourceOf } from './migration-statements';

/** What a tenant's failed migration reports: its code and words, the file, and where in it. */
export interface SchemaFailure {
  file: MigrationFile;
  error: AppError;
  statement?: string;
}

interface PgErrorLike {
  code?: string;
  position?: string;
}

/** `tenant/0004_x.sql line 12: CREATE UNIQUE INDEX …`: where the error is, for the report. */
function describeStatement(
  file: MigrationFile,
  statement: SqlStatement | undefined,
  position: number | undefined,
): string | undefined {
  if (!statement) return undefined;
  const { line } = position ? positionInText(file.sql, statement, position) : statement;
  return `${sourceOf(file)} line ${line}: ${statement.text.slice(0, 500)}`;
}

export function failureFor(
  e: unknown,
  schema: string,
  file: MigrationFile,
  signal?: AbortSignal,
  running?: SqlStatement,
): SchemaFailure {
  // Our own verdicts about the tenant (nothing ran) keep their code and words.
  if (e instanceof AppError && (e.code === 'MIGRATION_NEEDS_REPAIR' || e.code === 'TENANT_LOCKED'))
    return { file, error: e };
  const pg = e as PgErrorLike;
  const base = toAppError(e, undefined, schema);
  const statement = describeStatement(file, running, pg.position ? Number(pg.position) : undefined);
  // The raw SQLSTATE decides: the generic mapping reads "lock timeout" in a message as a network timeout.
  const sqlstate = pg.code && /^[0-9A-Z]{5}$/.test(pg.code) ? pg.code : base.sqlstate;
  const extra = { sqlstate, tenant: schema };
  const dropped = isConnectionError(base.code) && !sqlstate ? true : /^(08|57P0)/.test(sqlstate ?? '');
  const detail = base.message.replace(/^In [^:]+: /, '').replace(/^Could not connect to [^:]+: /, '');
  let error: AppError;
  if (signal?.aborted || base.code === 'CANCELLED')
    error = new AppError(
      'CANCELLED',
      `Cancelled in ${schema} during ${file.name}; its transaction was rolled back.`,
      undefined,
      extra,
    );
  else if (sqlstate === '55P03')
    error = new AppError(
      'LOCK_TIMEOUT',
      `In ${schema}, ${file.name} waited longer than lock_timeout for a lock: ${detail}.`,
      'Another session holds a lock on a table this migration changes; see Monitor → Blocking locks, then "Retry the failed" on the Migrations screen.',
      extra,
    );
  else if (dropped)
    error = new AppError(
      'CONNECTION_LOST',
      `The connection dropped in ${schema} during ${file.name}: ${detail}`,
      file.noTransaction
        ? 'The server may still finish this statement on its own; `tenantry status` shows whether it left an object without a ledger row, and a retry repairs or rebuilds it.'
        : 'Nothing of this transaction was committed; retry when the server answers.',
      extra,
    );
  else
    error = new AppError(
      'MIGRATION_FAILED',
      `${file.name} failed in ${schema}: ${detail}`,
      base.hint ??
        (sqlstate === '57014'
          ? 'statement_timeout expired; raise it (--statement-timeout) or make the statement cheaper.'
          : 'Fix the migration file (or the data it trips on) and retry the failed tenants.'),
      extra,
    );
  return { file, error, statement };
}

/** After a lock_timeout: who holds locks on this schema's tables (pg_locks + pg_stat_activity), for the report. */
export async function nameLockHolders(client: ClientBase, schema: string, error: AppError): Promise<AppError> {
  try {
    const { rows } = await client.query<{
      pid: number;
      usename: string;
      application_name: string;
      relname: string;
      mode: string;
    }>(
      `SELECT DISTINCT a.pid, a.usename, a.application_name, c.relname, l.mode
         FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE n.nspname = $1 AND l.granted AND l.pid <> pg_backend_pid() ORDER BY a.pid LIMIT 5`,
      [schema],
    );
    if (!rows.length) return error;
    const who = rows
      .map(
        (r) =>
          `pid ${r.pid} (${r.usename}${r.application_name ? `, ${r.application_name}` : ''}) holds ${r.mode} on ${r.relname}`,
      )
      .join('; ');
    return new AppError(error.code, `${error.message} Held by: ${who}.`, error.hint, {
      sqlstate: error.sqlstate,
      tenant: error.tenant,
    });
  } catch {
    return error;
  }
}
