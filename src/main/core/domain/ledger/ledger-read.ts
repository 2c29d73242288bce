import type { ClientBase } from 'pg';
import { LEDGER_TABLE } from './ledger-sql';
import { onTwoSessions, type OpenSession } from '../two-sessions';

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
 *
 * Most of a fresh session's read is the server loading each ledger's catalog entries (a warm
 * session reads 500 ledgers in a third of the time; two sessions, not four, measured fastest on a
 * 2-core server): with `another`, the ledgers are split by a hash of their oid into parts that two
 * sessions draw in turn (`onTwoSessions`).
 */
export const LEDGER_BATCH = 2000;
/** Parts per split read: enough that the first session is not left idle while the second connects. */
const SPLIT_PARTS = 6;

export const READ_ALL_LEDGERS_SQL = `
WITH l AS MATERIALIZED (
  SELECT c.oid, n.nspname, c.relname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relname IN ('${LEDGER_TABLE}', '${DJANGO_LEDGER_TABLE}') AND c.relkind IN ('r', 'p')
     AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
     AND c.oid > $1::oid AND abs(hashoid(c.oid)::int8) % $3::int = $4::int
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
interface RawLedger {
  oid: string;
  schema: string;
  ledger: string;
  x: string;
}

export interface ReadLedgersOptions {
  /** Ledgers per statement (the lock budget). */
  batchSize?: number;
  /** A second session to share the read with (worth it from about a hundred ledgers). */
  another?: OpenSession;
}

/** One hash part of the ledgers, in batches of `batchSize` (oid::int8 arrives as text and goes back as the next bound). */
async function readPart(client: ClientBase, part: number, parts: number, batchSize: number): Promise<RawLedger[]> {
  const rows: RawLedger[] = [];
  for (let after = '0'; ;) {
    const batch = (await client.query<RawLedger>(READ_ALL_LEDGERS_SQL, [after, batchSize, parts, part])).rows;
    rows.push(...batch);
    if (batch.length < batchSize) return rows;
    after = batch[batch.length - 1].oid;
  }
}

async function readRaw(client: ClientBase, batchSize: number, another?: OpenSession): Promise<RawLedger[]> {
  if (!another) return readPart(client, 0, 1, batchSize);
  const rows: RawLedger[] = [];
  // Both sessions' statements hold their locks at once: together they stay within one statement's budget.
  const sharedBatch = Math.max(1, Math.floor(batchSize / 2));
  const parts = Array.from({ length: SPLIT_PARTS }, (_, i) => i);
  await onTwoSessions(client, another, parts, async (session, part) => {
    rows.push(...(await readPart(session, part, SPLIT_PARTS, sharedBatch)));
  });
  // The same order as one statement's (by oid), whichever session read a ledger.
  return rows.sort((a, b) => Number(BigInt(a.oid) - BigInt(b.oid)));
}

export async function readAllLedgers(
  client: ClientBase,
  { batchSize = LEDGER_BATCH, another }: ReadLedgersOptions = {},
): Promise<Map<string, SchemaLedgers>> {
  const out = new Map<string, SchemaLedgers>();
  for (const row of await readRaw(client, batchSize, another)) {
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
