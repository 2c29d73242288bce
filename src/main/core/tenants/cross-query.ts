import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import type { CrossQueryResult } from '../../../shared/model/tenants';
import { quoteIdent } from '../db/identifiers';
import { jsonValue } from '../domain/db-values';
import { toAppError } from '../db/pg-errors';
import { loadSqlParser, readOnlyVerdict } from '../domain/sql';
import { runWorkers } from '../domain/worker-pool';

export interface CrossQueryOptions {
  sql: string;
  tenants: string[];
  timeoutMs: number;
  maxRows: number;
  parallel: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, current: string) => void;
}

/**
 * Refuses what is not one read-only query (SELECT, WITH … SELECT, VALUES, TABLE) before anything
 * reaches the server, by PostgreSQL's own parser; the server's READ ONLY transaction still applies.
 */
export async function assertQueryShape(sql: string): Promise<void> {
  await loadSqlParser();
  const verdict = readOnlyVerdict(sql);
  if (verdict.kind === 'empty')
    throw new AppError('VALIDATION_FAILED', 'The query is empty.', 'Write one SELECT.', { field: 'sql' });
  if (verdict.kind === 'several')
    throw new AppError(
      'VALIDATION_FAILED',
      'The query holds more than one statement.',
      'Send exactly one SELECT (no `;` between statements).',
      { field: 'sql' },
    );
  if (verdict.kind === 'writes') {
    throw new AppError(
      'QUERY_NOT_READ_ONLY',
      `A cross-tenant query only reads; ${verdict.why}.`,
      'Write one SELECT; each tenant runs it in a read-only transaction. Run changes as a migration or an action.',
      { field: 'sql' },
    );
  }
}

function tenantError(e: unknown, schema: string): AppError {
  const code = (e as { code?: string }).code;
  const message = (e as Error).message;
  if (code === '25006')
    return new AppError(
      'QUERY_NOT_READ_ONLY',
      `In ${schema}: ${message} (SQLSTATE 25006)`,
      'Cross-tenant queries only read; run changes as a migration or an action.',
      { sqlstate: code, tenant: schema },
    );
  if (code === '57014')
    return new AppError(
      'QUERY_TIMEOUT',
      `In ${schema}: the query ran past its statement timeout and was cancelled.`,
      'Raise the timeout or narrow the query.',
      { sqlstate: code, tenant: schema },
    );
  if (code === '42601' && /multiple commands/i.test(message)) {
    return new AppError(
      'VALIDATION_FAILED',
      'The query holds more than one statement.',
      'Send exactly one SELECT (no `;` between statements).',
      { sqlstate: code, field: 'sql' },
    );
  }
  return toAppError(e, undefined, schema);
}

/**
 * One tenant: the read-only transaction is opened (closing the previous tenant's) in one round trip,
 * then the user's text alone. queryMode 'extended' sends Parse/Bind/Execute, so the server refuses
 * more than one statement; SELECT 1 takes the snapshot, after which nothing can make the
 * transaction read-write.
 */
async function runOne(
  client: pg.Client,
  schema: string,
  opts: CrossQueryOptions,
  session: { open: boolean },
): Promise<pg.QueryResult> {
  await client.query(
    `${session.open ? 'ROLLBACK; ' : ''}BEGIN READ ONLY; SET LOCAL search_path TO ${quoteIdent(schema)}, public; SET LOCAL statement_timeout = ${Math.floor(opts.timeoutMs)}; SELECT 1`,
  );
  session.open = true;
  return client.query({ text: opts.sql, values: [], queryMode: 'extended', rowMode: 'array' } as pg.QueryConfig & {
    queryMode: 'extended';
  });
}

/**
 * One SELECT in every chosen tenant, each in its own read-only transaction with a statement timeout,
 * over a bounded pool of dedicated sessions (ended afterwards, so nothing a query changed in a
 * session outlives it). Results form one table with `tenant` first; a tenant that fails or times out
 * is reported and the others are kept.
 */
export async function crossTenantQuery(
  openClient: () => Promise<pg.Client>,
  opts: CrossQueryOptions,
): Promise<CrossQueryResult> {
  await assertQueryShape(opts.sql);
  const started = performance.now();
  const columns: string[] = ['tenant'];
  const rows: unknown[][] = [];
  let rowCount = 0;
  const results: CrossQueryResult['tenants'] = [];
  let done = 0;
  let fatal: AppError | undefined;

  const pool = { parallel: opts.parallel, signal: opts.signal, stopWhen: () => fatal !== undefined };
  await runWorkers(opts.tenants, pool, async (queue) => {
    const client = await openClient();
    const session = { open: false };
    try {
      for (const [schema] of queue) {
        const t0 = performance.now();
        try {
          const res = await runOne(client, schema, opts, session);
          const index = res.fields.map((f) => {
            // The first column is ours; a query's own "tenant" column keeps its values beside it.
            const name = f.name === 'tenant' ? 'tenant (query)' : f.name;
            let at = columns.indexOf(name);
            if (at < 0) at = columns.push(name) - 1;
            return at;
          });
          rowCount += res.rows.length;
          for (const r of res.rows as unknown[][]) {
            if (rows.length >= opts.maxRows) break;
            const out: unknown[] = [schema];
            r.forEach((v, i) => (out[index[i]] = jsonValue(v)));
            rows.push(out);
          }
          results.push({ schema, ok: true, rows: res.rows.length, ms: Math.round(performance.now() - t0) });
        } catch (e) {
          const err = tenantError(e, schema);
          // A malformed or writing query fails the same way everywhere: stop rather than repeat it N times.
          if (err.code === 'VALIDATION_FAILED' || err.code === 'QUERY_NOT_READ_ONLY' || err.sqlstate === '42601')
            fatal = err;
          results.push({
            schema,
            ok: false,
            rows: 0,
            ms: Math.round(performance.now() - t0),
            error: { code: err.code, message: err.message, sqlstate: err.sqlstate },
          });
        }
        opts.onProgress?.(++done, opts.tenants.length, schema);
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  });
  if (fatal) throw fatal;
  if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The query was cancelled.');
  const order = new Map(opts.tenants.map((s, i) => [s, i]));
  results.sort((a, b) => order.get(a.schema)! - order.get(b.schema)!);
  for (const r of rows) while (r.length < columns.length) r.push(null);
  rows.sort((a, b) => order.get(a[0] as string)! - order.get(b[0] as string)!);
  return {
    columns,
    rows,
    rowCount,
    truncated: rowCount > rows.length,
    tenants: results,
    failed: results.filter((r) => !r.ok).length,
    ms: Math.round(performance.now() - started),
  };
}
