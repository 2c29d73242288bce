import type { ClientBase } from 'pg';
import { LEDGER_TABLE } from './ledger-sql';

export const DJANGO_LEDGER_TABLE = 'django_migrations';

export interface LedgerRow {
  name: string;
  checksum: string | null;
  state: 'applied' | 'baselined' | 'failed';
  durationMs: number | null;
  appliedAt: string;
  error: string | null;
}

export interface SchemaLedgers {
  tenantry?: LedgerRow[];
  /** django_migrations entries as `app.name`. */
  django?: string[];
}

/**
 * Every schema's ledger (tenantry_migrations and django_migrations) in ONE statement, whatever
 * the number of schemas. A hand-written UNION ALL needs the schema list first and costs the
 * planner one branch per schema; query_to_xml runs a per-schema query server-side, and each
 * ledger comes back as one JSON array inside a tiny XML wrapper.
 */
export const READ_ALL_LEDGERS_SQL = `
SELECT n.nspname AS schema, c.relname AS ledger,
       query_to_xml(format(
         CASE c.relname
           WHEN '${LEDGER_TABLE}' THEN 'SELECT json_agg(json_build_array(name, checksum, state, duration_ms, applied_at, error)) AS j FROM %I.%I'
           ELSE 'SELECT json_agg(app || ''.'' || name ORDER BY id) AS j FROM %I.%I'
         END, n.nspname, c.relname), false, true, '')::text AS x
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relname IN ('${LEDGER_TABLE}', '${DJANGO_LEDGER_TABLE}') AND c.relkind IN ('r', 'p')
   AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`;

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** The JSON array inside `<row><j>…</j></row>`; null for an empty ledger. */
export function jsonFromXml(xml: string): unknown {
  const start = xml.indexOf('<j>');
  if (start < 0) return null;
  const end = xml.lastIndexOf('</j>');
  const text = xml
    .slice(start + 3, end)
    .replace(/&(?:lt|gt|amp|quot|apos);|&#x([0-9a-fA-F]+);|&#(\d+);/g, (m, hex?: string, dec?: string) =>
      hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ENTITIES[m],
    );
  return JSON.parse(text);
}

type RawTuple = [string, string | null, LedgerRow['state'], number | null, string, string | null];

export async function readAllLedgers(client: ClientBase): Promise<Map<string, SchemaLedgers>> {
  const { rows } = await client.query<{ schema: string; ledger: string; x: string }>(READ_ALL_LEDGERS_SQL);
  const out = new Map<string, SchemaLedgers>();
  for (const row of rows) {
    const entry = out.get(row.schema) ?? {};
    const parsed = jsonFromXml(row.x);
    if (row.ledger === LEDGER_TABLE) {
      entry.tenantry = ((parsed as RawTuple[] | null) ?? []).map(([name, checksum, state, durationMs, appliedAt, error]) => ({ name, checksum, state, durationMs, appliedAt, error }));
    } else {
      entry.django = (parsed as string[] | null) ?? [];
    }
    out.set(row.schema, entry);
  }
  return out;
}
