import type { ClientBase } from 'pg';
import type { SchemaManifest } from '../../../shared/model/backups';
import { quoteIdent } from '../db/identifiers';
import { LEDGER_TABLE } from '../domain/ledger/ledger-sql';
import { inSnapshot } from './snapshot';

type Counts = Map<string, Record<string, number>>;

/**
 * Exact row counts of every table in `schemas`, in one round trip (the counting happens
 * server-side through query_to_xml, inside whatever snapshot the client's transaction holds).
 */
export async function countRows(client: ClientBase, schemas: string[]): Promise<Counts> {
  const counts: Counts = new Map(schemas.map((s) => [s, {}]));
  if (!schemas.length) return counts;
  const { rows } = await client.query<{ schema: string; table: string; n: string }>(
    `SELECT n.nspname AS schema, c.relname AS table,
            (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint AS n
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p')
      ORDER BY 1, 2`,
    [schemas],
  );
  // A table's row count is far below 2^53: exact as a JS number.
  for (const r of rows) counts.get(r.schema)![r.table] = Number(r.n);
  return counts;
}

/** Each schema's migration ledger (empty when it has none). */
export async function readLedgers(
  client: ClientBase,
  schemas: string[],
): Promise<Map<string, SchemaManifest['ledger']>> {
  const out = new Map<string, SchemaManifest['ledger']>(schemas.map((s) => [s, []]));
  const { rows: withLedger } = await client.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1::text[]) AND c.relname = $2 AND c.relkind = 'r'`,
    [schemas, LEDGER_TABLE],
  );
  const list = withLedger.map((r) => r.schema);
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const sql = chunk
      .map(
        (s, k) =>
          `SELECT $${k + 1}::text AS schema, name::text, checksum::text, state::text FROM ${quoteIdent(s)}.${LEDGER_TABLE}`,
      )
      .join('\nUNION ALL\n');
    const { rows } = await client.query<{ schema: string; name: string; checksum: string; state: string }>(
      `${sql}\nORDER BY 1, 2`,
      chunk,
    );
    for (const r of rows) out.get(r.schema)!.push({ name: r.name, checksum: r.checksum, state: r.state });
  }
  return out;
}

/**
 * The manifest (row counts and ledgers) as the exported snapshot sees it, read chunk by chunk:
 * every chunk is a transaction of its own on `client` that imports the snapshot, so the table
 * locks counting takes end with each chunk. Read in the exporting transaction itself they would
 * add up until the server's lock table is full (10,000 tenants), ending that transaction and the
 * snapshot every later pg_dump imports.
 */
export async function readManifest(
  client: ClientBase,
  snapshotId: string,
  chunks: string[][],
  fileIndexOf: (schema: string) => number,
): Promise<SchemaManifest[]> {
  const out: SchemaManifest[] = [];
  for (const chunk of chunks) {
    const [counts, ledgers] = await inSnapshot(
      client,
      snapshotId,
      async () => [await countRows(client, chunk), await readLedgers(client, chunk)] as const,
    );
    for (const schema of chunk)
      out.push({
        schema,
        fileIndex: fileIndexOf(schema),
        ledger: ledgers.get(schema) ?? [],
        tables: counts.get(schema) ?? {},
      });
  }
  return out;
}

/** Differences between counts now and the manifest's, as readable lines (empty when equal). */
export function compareCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const diffs: string[] = [];
  for (const [table, n] of Object.entries(expected)) {
    if (!(table in actual)) diffs.push(`${table}: missing (backup had ${n} rows)`);
    else if (actual[table] !== n) diffs.push(`${table}: ${actual[table]} rows, backup had ${n}`);
  }
  for (const table of Object.keys(actual)) if (!(table in expected)) diffs.push(`${table}: not in the backup`);
  return diffs;
}
