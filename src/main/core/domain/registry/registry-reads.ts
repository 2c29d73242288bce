import { sql } from 'kysely';
import type { ClientBase } from 'pg';
import { consoleDb, runOn } from '../ledger/console-db';
import { notExcluded } from './excluded-schemas';
import { column, registryDb, type RegistryLocation } from './registry-db';
import type { RegistryTable } from './registry-table';

/** Whether the native registry holds any tenant (auto prefers it then). */
export async function nativeHasRows(client: ClientBase): Promise<boolean> {
  const { rowCount } = await runOn(
    client,
    consoleDb.withSchema('tenantry').selectFrom('tenants').select(sql.lit(1).as('one')).limit(1),
  );
  return rowCount === 1;
}

/** Registered tenants, without the schemas that are never tenants. */
export async function countRegistered(client: ClientBase, where: RegistryLocation): Promise<number> {
  const { rows } = await runOn<{ n: number }>(
    client,
    registryDb(where)
      .selectFrom('registry_tenant')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(notExcluded('schema_name')),
  );
  return rows[0].n;
}

export async function isRegistered(client: ClientBase, table: RegistryTable, schema: string): Promise<boolean> {
  const { rowCount } = await runOn(
    client,
    registryDb(table).selectFrom('registry_tenant').select(sql.lit(1).as('one')).where('schema_name', '=', schema),
  );
  return Boolean(rowCount);
}

/** A tenant's display name and the named registry columns, as text (null where empty or unregistered). */
export async function readTenantRow(
  client: ClientBase,
  table: RegistryTable,
  schema: string,
  columns: string[],
): Promise<{ name: string | null; values: Record<string, string | null> } | undefined> {
  const { rows } = await runOn<Record<string, string | null>>(
    client,
    registryDb(table)
      .selectFrom('registry_tenant as r')
      .select([
        sql<string>`${column('r', table.hasName ? 'name' : 'schema_name')}::text`.as('__name'),
        ...columns.map((c) => sql<string | null>`${column('r', c)}::text`.as(c)),
      ])
      .where('r.schema_name', '=', schema),
  );
  if (!rows[0]) return undefined;
  const { __name, ...values } = rows[0];
  return { name: __name, values };
}

/** A tenant's domains, the primary first. */
export async function readTenantDomains(client: ClientBase, table: RegistryTable, schema: string): Promise<string[]> {
  const d = table.domain;
  if (!d) return [];
  const { rows } = await runOn<{ domain: string }>(
    client,
    registryDb(table)
      .selectFrom('registry_domain as d')
      .innerJoin('registry_tenant as r', (join) =>
        join.on(sql<boolean>`${column('r', table.keyColumn)} = ${column('d', d.fkColumn)}`),
      )
      .select((eb) => eb.cast<string>('d.domain', 'text').as('domain'))
      .where('r.schema_name', '=', schema)
      .$if(d.hasIsPrimary, (q) => q.orderBy('d.is_primary', 'desc'))
      .orderBy('domain'),
  );
  return rows.map((r) => r.domain);
}
