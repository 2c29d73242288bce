import { sql } from 'kysely';
import type { ClientBase } from 'pg';
import { consoleDb, runOn } from './console-db';
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
 * Every schema's ledger (tenantry_migrations and django_migrations), read server-side. A
 * hand-written UNION ALL needs the schema list first and costs the planner one branch per schema;
 * query_to_xml runs a per-schema query inside the statement, and each ledger comes back as one
 * JSON array inside a tiny XML wrapper. Reading a table locks it until the statement ends, so one
 * statement reads at most LEDGER_BATCH ledgers (the server's lock table holds about 6,400 on
 * default settings): one round trip up to that many schemas, one more per batch beyond.
 */
export const LEDGER_BATCH = 2000;

export const READ_ALL_LEDGERS_SQL = `
WITH l AS MATERIALIZED (
  SELECT c.oid, n.nspname, c.relname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relname IN ('${LEDGER_TABLE}', '${DJANGO_LEDGER_TABLE}') AND c.relkind IN ('r', 'p')
     AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
     AND c.oid > $1::oid
   ORDER BY c.oid
   LIMIT $2
)
SELECT l.oid::int8 AS oid, l.nspname AS schema, l.relname AS ledger,
       query_to_xml(format(
         CASE l.relname
           WHEN '${LEDGER_TABLE}' THEN 'SELECT json_agg(json_build_array(name, checksum, state, duration_ms, applied_at, error)) AS j FROM %I.%I'
           ELSE 'SELECT json_agg(app || ''.'' || name ORDER BY id) AS j FROM %I.%I'
         END, l.nspname, l.relname), false, true, '')::text AS x
  FROM l`;

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

export async function readAllLedgers(
  client: ClientBase,
  batchSize = LEDGER_BATCH,
): Promise<Map<string, SchemaLedgers>> {
  // oid::int8 arrives as text and goes back as the next batch's bound: never needed as a number.
  const rows: { oid: string; schema: string; ledger: string; x: string }[] = [];
  for (let after = '0'; ;) {
    const batch = (
      await client.query<{ oid: string; schema: string; ledger: string; x: string }>(READ_ALL_LEDGERS_SQL, [
        after,
        batchSize,
      ])
    ).rows;
    rows.push(...batch);
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1].oid;
  }
  const out = new Map<string, SchemaLedgers>();
  for (const row of rows) {
    const entry = out.get(row.schema) ?? {};
    const parsed = jsonFromXml(row.x);
    if (row.ledger === LEDGER_TABLE) {
      entry.tenantry = ((parsed as RawTuple[] | null) ?? []).map(
        ([name, checksum, state, durationMs, appliedAt, error]) => ({
          name,
          checksum,
          state,
          durationMs,
          appliedAt,
          error,
        }),
      );
    } else {
      entry.django = (parsed as string[] | null) ?? [];
    }
    out.set(row.schema, entry);
  }
  return out;
}

/** The newest migration `schema`'s ledger records as applied or baselined (null when none); throws when it has no ledger. */
export async function lastRecordedMigration(client: ClientBase, schema: string): Promise<string | null> {
  const { rows } = await runOn<{ last: string | null }>(
    client,
    consoleDb
      .withSchema(schema)
      .selectFrom('tenantry_migrations')
      .select(sql<string | null>`max(name)`.as('last'))
      .where('state', 'in', ['applied', 'baselined']),
  );
  return rows[0]?.last ?? null;
}
