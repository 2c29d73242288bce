import { sql } from 'kysely';
import type { ClientBase } from 'pg';
import { consoleDb, runOn } from './console-db';

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
