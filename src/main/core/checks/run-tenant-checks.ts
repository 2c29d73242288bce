import type { ClientBase, FieldDef } from 'pg';
import type { CheckError, CheckResult, CheckRow } from '../../../shared/model/checks';
import { quoteIdent } from '../db/identifiers';
import { jsonValue } from '../domain/db-values';
import { toAppError } from '../db/pg-errors';
import { lastRecordedMigration } from '../domain/ledger/last-recorded';
import type { LoadedCheck } from './check-files';
import { bindParams, COUNT_COLUMN, wrapCheck } from '../domain/check-sql';

export interface TenantRunOptions {
  timeoutMs: number;
  rowCap: number;
  params: Record<string, Record<string, string>>;
  /** The project's newest tenant migration, to tell "behind" from "tables missing". */
  latestMigration?: string;
}

/** "The tables this check reads are not there": undefined table or schema. */
const MISSING_TABLE = new Set(['42P01', '3F000']);
/** An undefined column is only "not applicable" in a tenant the ledger shows behind; elsewhere it is a broken check. */
const MISSING_COLUMN = '42703';

/** Column names as object keys; a repeated name gets a suffix so no value is lost. */
export function columnKeys(fields: FieldDef[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((f) => {
    const n = seen.get(f.name) ?? 0;
    seen.set(f.name, n + 1);
    return n === 0 ? f.name : `${f.name}_${n + 1}`;
  });
}

export function rowsAsObjects(keys: string[], rows: unknown[][], skip: number[] = []): CheckRow[] {
  return rows.map((r) => {
    const obj: CheckRow = {};
    keys.forEach((k, i) => {
      if (!skip.includes(i)) obj[k] = jsonValue(r[i]);
    });
    return obj;
  });
}

/** A check's failure as report data: the code tells timeouts and writes apart from broken SQL. */
export function classifyError(e: unknown, tenant: string): CheckError {
  // The raw SQLSTATE first: toAppError reads "statement timeout" in a message as a network problem.
  const raw = (e ?? {}) as { code?: unknown; message?: unknown; severity?: unknown };
  // Only the server's errors carry a severity; socket errors such as EPIPE also have 5-letter codes.
  const rawState =
    raw.severity !== undefined && typeof raw.code === 'string' && /^[0-9A-Z]{5}$/.test(raw.code) ? raw.code : undefined;
  const err = toAppError(e, undefined, tenant);
  const sqlstate = rawState ?? err.sqlstate;
  const text = rawState ? `In ${tenant}: ${String(raw.message)}` : err.message;
  if (sqlstate === '57014') {
    return {
      code: 'QUERY_TIMEOUT',
      message: text,
      hint: 'The check ran past its statement timeout in this tenant; raise the timeout or add an index.',
      sqlstate,
    };
  }
  if (sqlstate === '25006' || (sqlstate === '0A000' && /data-modifying/i.test(text))) {
    return {
      code: 'QUERY_NOT_READ_ONLY',
      message: text,
      hint: 'Checks run in READ ONLY transactions; put changes in a fix file.',
      sqlstate,
    };
  }
  const code = rawState && err.code !== 'SQL_ERROR' ? 'SQL_ERROR' : err.code;
  return { code, message: text, ...(err.hint ? { hint: err.hint } : {}), ...(sqlstate ? { sqlstate } : {}) };
}

/** "behind: at 0005…, latest 0006…" when the schema's ledger lags the project; undefined when it does not (or has no ledger). */
async function behindReason(
  client: ClientBase,
  schema: string,
  latest: string | undefined,
  error: CheckError,
): Promise<string | undefined> {
  if (!latest || schema === 'public') return undefined;
  try {
    const last = await lastRecordedMigration(client, schema);
    if (!last || last < latest) return `behind: at ${last ?? 'no migrations'}, latest ${latest} (${error.message})`;
  } catch {
    // No ledger in this schema: nothing says it is behind.
  }
  return undefined;
}

async function notApplicableReason(
  client: ClientBase,
  schema: string,
  opts: TenantRunOptions,
  error: CheckError,
): Promise<string | undefined> {
  if (!error.sqlstate) return undefined;
  if (MISSING_TABLE.has(error.sqlstate))
    return (await behindReason(client, schema, opts.latestMigration, error)) ?? `tables missing: ${error.message}`;
  if (error.sqlstate === MISSING_COLUMN) return behindReason(client, schema, opts.latestMigration, error);
  return undefined;
}

/**
 * A connection's read-only transaction, carried from one schema to the next: the previous
 * schema's ROLLBACK travels in the same round trip as the next BEGIN. `close()` ends the last.
 */
export class ReadOnlySession {
  private open = false;

  constructor(private readonly client: ClientBase) {}

  /** The statements that end the previous transaction and open the schema's. */
  private opening(schema: string, timeoutMs: number): string {
    const searchPath = schema === 'public' ? 'public' : `${quoteIdent(schema)}, public`;
    return `${this.open ? 'ROLLBACK; ' : ''}BEGIN READ ONLY; SET LOCAL search_path TO ${searchPath}; SET LOCAL statement_timeout = ${Math.round(timeoutMs)}`;
  }

  async begin(schema: string, timeoutMs: number): Promise<void> {
    await this.client.query(this.opening(schema, timeoutMs));
    this.open = true;
  }

  /** After an error: the transaction is aborted (or was never opened), roll it back now. */
  async abort(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.client.query('ROLLBACK').catch(() => undefined);
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.client.query('ROLLBACK');
  }
}

/** One check in the schema, its parameters bound, over the extended protocol (one statement only). */
async function queryCheck(
  client: ClientBase,
  session: ReadOnlySession,
  schema: string,
  check: LoadedCheck,
  opts: TenantRunOptions,
  needsBegin: boolean,
) {
  const wrapped = wrapCheck(bindParams(check.sql, check.params, opts.params[check.id] ?? {}), opts.rowCap);
  if (needsBegin) await session.begin(schema, opts.timeoutMs);
  return (await client.query({
    text: wrapped.text,
    values: wrapped.values,
    rowMode: 'array',
    queryMode: 'extended',
  } as never)) as unknown as { fields: FieldDef[]; rows: unknown[][] };
}

/**
 * Runs the checks in one schema, in READ ONLY transactions with a statement timeout. A failing
 * check rolls its transaction back and the next check opens a new one, so one broken check
 * never hides the others. `public` is the schema for shared checks. With a `session`, the last
 * transaction is left for the session to end (see ReadOnlySession).
 */
export async function runChecksInSchema(
  client: ClientBase,
  schema: string,
  checks: LoadedCheck[],
  opts: TenantRunOptions,
  shared?: ReadOnlySession,
): Promise<CheckResult[]> {
  const session = shared ?? new ReadOnlySession(client);
  const results: CheckResult[] = [];
  let ready = false;
  try {
    for (const check of checks) {
      const started = Date.now();
      const base = {
        tenant: schema,
        check: check.id,
        severity: check.severity,
        count: 0,
        columns: [] as string[],
        rows: [] as CheckRow[],
      };
      if (check.problem) {
        results.push({ ...base, status: 'error', error: check.problem, durationMs: 0 });
        continue;
      }
      try {
        const needsBegin = !ready;
        ready = true;
        const result = await queryCheck(client, session, schema, check, opts, needsBegin);
        const keys = columnKeys(result.fields);
        const countAt = keys.lastIndexOf(COUNT_COLUMN);
        const count = result.rows.length ? Number(result.rows[0][countAt]) : 0;
        results.push({
          ...base,
          status: count === 0 ? 'pass' : 'fail',
          count,
          columns: keys.filter((_, i) => i !== countAt),
          rows: rowsAsObjects(keys, result.rows, [countAt]),
          durationMs: Date.now() - started,
        });
      } catch (e) {
        if (ready) {
          await session.abort();
          ready = false;
        }
        const error = classifyError(e, schema);
        const reason = await notApplicableReason(client, schema, opts, error);
        if (reason) results.push({ ...base, status: 'not_applicable', reason, durationMs: Date.now() - started });
        else results.push({ ...base, status: 'error', error, durationMs: Date.now() - started });
      }
    }
  } finally {
    if (!shared) await session.close();
  }
  return results;
}
