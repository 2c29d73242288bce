import type { ClientBase } from 'pg';
import { quoteIdent } from '../db/identifiers';
import { LEDGER_TABLE } from '../migrations/ledger-sql';

/** When each migration last finished anywhere on a server (tenants and public): what a soak gate reads. */
export async function latestAppliedAt(client: ClientBase): Promise<Map<string, Date>> {
  const { rows: schemas } = await client.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = $1 AND c.relkind = 'r' AND n.nspname NOT LIKE 'tenantry\\_tmp\\_%'`,
    [LEDGER_TABLE],
  );
  if (!schemas.length) return new Map();
  const union = schemas.map((s) => `SELECT name, applied_at FROM ${quoteIdent(s.schema)}.${LEDGER_TABLE} WHERE state IN ('applied', 'baselined')`).join(' UNION ALL ');
  const { rows } = await client.query<{ name: string; at: Date }>(`SELECT name, max(applied_at) AS at FROM (${union}) l GROUP BY name`);
  return new Map(rows.map((r) => [r.name, r.at]));
}
