import type { ClientBase } from 'pg';

/**
 * How many table locks one pg_dump may take: the shared lock table holds
 * max_locks_per_transaction × (max_connections + max_prepared_transactions) entries, and other
 * sessions need some too, so a dump plans for half of it.
 */
export function lockBudget(maxLocks: number, maxConnections: number, maxPrepared = 0): number {
  return Math.max(1, Math.floor((maxLocks * (maxConnections + maxPrepared)) / 2));
}

export async function serverLockBudget(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ l: string; c: string; p: string }>(
    `SELECT current_setting('max_locks_per_transaction') AS l, current_setting('max_connections') AS c, current_setting('max_prepared_transactions') AS p`,
  );
  return lockBudget(Number(rows[0].l), Number(rows[0].c), Number(rows[0].p));
}

/** pg_dump locks each table (and partitioned table) it dumps: count those per schema. */
export async function tablesPerSchema(client: ClientBase, schemas: string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ schema: string; n: number }>(
    `SELECT n.nspname AS schema, count(c.oid)::int AS n FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
      WHERE n.nspname = ANY($1::text[]) GROUP BY 1`,
    [schemas],
  );
  return new Map(rows.map((r) => [r.schema, r.n]));
}

/** As few batches as the budget allows, schemas kept whole and in order. */
export function planBatches(schemas: { schema: string; tables: number }[], budget: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const { schema, tables } of schemas) {
    if (current.length && used + tables > budget) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(schema);
    used += tables;
  }
  if (current.length) batches.push(current);
  return batches;
}
