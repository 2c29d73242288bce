import type { ClientBase } from 'pg';
import { quoteIdent } from '../db/identifiers';

/**
 * Bytes per schema (tables with their indexes and TOAST), system schemas left out, largest first.
 * pg_total_relation_size takes a lock on each table, so behind an ACCESS EXCLUSIVE lock (a
 * migration) it would wait: under the session's lock_timeout the planner's page counts stand in.
 */
export async function schemaSizes(
  client: ClientBase,
): Promise<{ sizes: { schema: string; bytes: number }[]; estimated: boolean }> {
  try {
    return { sizes: await exactSizes(client), estimated: false };
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e;
    return { sizes: await estimatedSizes(client), estimated: true };
  }
}

/** int8 byte counts arrive as exact text; a size fits a JS number exactly (below 8 PiB). */
const asBytes = (rows: { schema: string; bytes: string }[]) =>
  rows.map((r) => ({ schema: r.schema, bytes: Number(r.bytes) }));

async function estimatedSizes(client: ClientBase): Promise<{ schema: string; bytes: number }[]> {
  const { rows } = await client.query<{ schema: string; bytes: string }>(
    `SELECT n.nspname AS schema, (coalesce(sum(c.relpages), 0) * current_setting('block_size')::bigint)::bigint AS bytes
       FROM pg_namespace n
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'm', 'i', 't')
      WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      GROUP BY n.nspname
      ORDER BY bytes DESC, n.nspname`,
  );
  return asBytes(rows);
}

async function exactSizes(client: ClientBase): Promise<{ schema: string; bytes: number }[]> {
  const { rows } = await client.query<{ schema: string; bytes: string }>(
    `SELECT n.nspname AS schema, coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes
       FROM pg_namespace n
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'm')
      WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      GROUP BY n.nspname
      ORDER BY bytes DESC, n.nspname`,
  );
  return asBytes(rows);
}

export async function databaseSize(client: ClientBase): Promise<{ bytes: number; version: string }> {
  const { rows } = await client.query<{ bytes: string; version: string }>(
    `SELECT pg_database_size(current_database())::bigint AS bytes, current_setting('server_version') AS version`,
  );
  return { bytes: Number(rows[0].bytes), version: rows[0].version };
}

export interface LedgerRow {
  schema: string;
  name: string;
  state: string;
  appliedAt: string;
  durationMs: number | null;
}

const CHUNK = 500;

/**
 * The newest rows of every readable `tenantry_migrations` ledger, newest first, in one UNION ALL
 * per 500 schemas. Ledgers this role may not read are counted, not queried.
 */
export async function recentMigrations(
  client: ClientBase,
  limit = 100,
): Promise<{ rows: LedgerRow[]; unreadable: number; failed: number }> {
  const { rows: ledgers } = await client.query<{ schema: string; readable: boolean }>(
    `SELECT n.nspname AS schema, has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT') AS readable
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = 'tenantry_migrations' AND c.relkind IN ('r', 'p')`,
  );
  const readable = ledgers.filter((l) => l.readable).map((l) => l.schema);
  const out: LedgerRow[] = [];
  let failed = 0;
  for (let i = 0; i < readable.length; i += CHUNK) {
    const chunk = readable.slice(i, i + CHUNK);
    const parts = chunk.map(
      (schema, j) =>
        `(SELECT $${j + 2}::text AS schema, name::text, state::text, applied_at, duration_ms::int FROM ${quoteIdent(schema)}.tenantry_migrations ORDER BY applied_at DESC LIMIT $1)`,
    );
    try {
      const { rows } = await client.query<{
        schema: string;
        name: string;
        state: string;
        applied_at: Date;
        duration_ms: number | null;
      }>(`${parts.join(' UNION ALL ')} ORDER BY applied_at DESC LIMIT $1`, [limit, ...chunk]);
      for (const r of rows)
        out.push({
          schema: r.schema,
          name: r.name,
          state: r.state,
          appliedAt: r.applied_at.toISOString(),
          durationMs: r.duration_ms,
        });
    } catch {
      // A ledger of another shape (or one dropped meanwhile) must not hide the rest of the monitor.
      failed += chunk.length;
    }
  }
  out.sort((a, b) => (a.appliedAt < b.appliedAt ? 1 : a.appliedAt > b.appliedAt ? -1 : 0));
  return { rows: out.slice(0, limit), unreadable: ledgers.length - readable.length, failed };
}
