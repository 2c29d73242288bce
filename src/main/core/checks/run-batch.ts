import type { ClientBase, FieldDef } from 'pg';
import type { CheckResult } from '../../../shared/model/checks';
import { quoteIdent } from '../db/identifiers';
import type { LoadedCheck } from './check-files';
import { COUNT_COLUMN, findPlaceholders, hasStatementSeparator, wrapCheckInline } from '../domain/check-sql';
import { columnKeys, rowsAsObjects, type TenantRunOptions } from './run-tenant-checks';

/** Tenants sent in one message: enough to hide round trips, few enough that a re-run after an error is cheap. */
export const BATCH_SIZE = 25;

interface Unit {
  schema: string;
  checks: LoadedCheck[];
}

const conformingCache = new WeakMap<ClientBase, boolean>();

/**
 * Whether a check can travel inside a multi-statement message: no parameters to bind, no
 * problem, and no `;` the server would split on (PostgreSQL's own parser decides, with
 * standard-conforming strings, so the server's setting is checked per connection).
 */
export function batchable(check: LoadedCheck): boolean {
  return !check.problem && findPlaceholders(check.sql).length === 0 && !hasStatementSeparator(check.sql);
}

async function conforming(client: ClientBase): Promise<boolean> {
  let on = conformingCache.get(client);
  if (on === undefined) {
    on =
      (await client.query<{ standard_conforming_strings: string }>('SHOW standard_conforming_strings')).rows[0]
        ?.standard_conforming_strings === 'on';
    conformingCache.set(client, on);
  }
  return on;
}

/**
 * Runs every unit's checks in one simple-protocol message: per tenant its own READ ONLY
 * transaction (BEGIN, search_path, statement_timeout, the checks, ROLLBACK). Returns undefined
 * when the batch cannot be used; throws when a statement failed, and the caller then runs the
 * batch's tenants one by one to find out which check failed where (the server stops a message
 * at its first error).
 */
export async function runBatch(
  client: ClientBase,
  units: Unit[],
  opts: TenantRunOptions,
): Promise<CheckResult[][] | undefined> {
  if (!units.every((u) => u.checks.every(batchable)) || !(await conforming(client))) return undefined;
  const text = units
    .map((u) => {
      const searchPath = u.schema === 'public' ? 'public' : `${quoteIdent(u.schema)}, public`;
      const checks = u.checks.map((c) => wrapCheckInline(c.sql, opts.rowCap)).join(';\n');
      return `BEGIN READ ONLY; SET LOCAL search_path TO ${searchPath}; SET LOCAL statement_timeout = ${Math.round(opts.timeoutMs)};\n${checks};\nROLLBACK`;
    })
    .join(';\n');
  const started = Date.now();
  let res: unknown;
  try {
    res = await client.query({ text, rowMode: 'array' } as never);
  } catch (e) {
    // The failing tenant's transaction is left aborted; end it before the one-by-one re-run.
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  const all = (Array.isArray(res) ? res : [res]) as { fields: FieldDef[]; rows: unknown[][] }[];
  const expected = units.reduce((n, u) => n + 4 + u.checks.length, 0);
  if (all.length !== expected) throw new Error(`The batch returned ${all.length} results, expected ${expected}.`);
  const each = Math.round((Date.now() - started) / units.length);
  let at = 0;
  return units.map((u) => {
    at += 3;
    const out = u.checks.map((check) => {
      const result = all[at++];
      const keys = columnKeys(result.fields);
      const countAt = keys.lastIndexOf(COUNT_COLUMN);
      const count = result.rows.length ? Number(result.rows[0][countAt]) : 0;
      return {
        tenant: u.schema,
        check: check.id,
        severity: check.severity,
        status: count === 0 ? ('pass' as const) : ('fail' as const),
        count,
        columns: keys.filter((_, i) => i !== countAt),
        rows: rowsAsObjects(keys, result.rows, [countAt]),
        durationMs: each,
      };
    });
    at += 1;
    return out;
  });
}
