import type { ClientBase } from 'pg';
import type { RegistryInfo } from '../../../../shared/model/connection';
import { detectRegistry } from './detect-registry';
import { notExcludedSql } from './excluded-schemas';
import { globToLike } from './registry-spec';
import { nameExpr, qualifiedTable, readRegistryTable, statusExpr } from './registry-table';

export type TenantState = 'active' | 'suspended' | 'missing' | 'orphan';

export interface FleetTenant {
  schema: string;
  name: string;
  status: TenantState;
  /** django-tenants' row for `public`: the shared schema, never a tenant. */
  shared?: boolean;
}

export interface Fleet {
  registry: RegistryInfo;
  tenants: FleetTenant[];
}

/**
 * The registry reconciled with the catalog in one query: every registered tenant (active,
 * suspended, or missing its schema) and every unregistered schema that is not excluded (orphan).
 */
export async function loadFleet(
  client: ClientBase,
  registrySpec: string | undefined,
  ignoreSchemas: string[] = [],
): Promise<Fleet> {
  const registry = await detectRegistry(client, registrySpec);
  if (registry.kind === 'pattern') {
    const { rows } = await client.query<{ schema: string }>(
      `SELECT nspname AS schema FROM pg_namespace WHERE nspname LIKE $1 AND ${notExcludedSql('nspname', '$2')} ORDER BY nspname`,
      [globToLike(registry.source), ignoreSchemas],
    );
    return { registry, tenants: rows.map((r) => ({ schema: r.schema, name: r.schema, status: 'active' })) };
  }
  const table = (await readRegistryTable(client, registry))!;
  const { rows } = await client.query<{ schema: string; name: string | null; status: TenantState; shared: boolean }>(
    `WITH reg AS (
       SELECT r.schema_name::text AS schema, ${nameExpr(table)} AS name, ${statusExpr(table)} AS status FROM ${qualifiedTable(table)} r
     )
     SELECT coalesce(reg.schema, n.nspname) AS schema,
            coalesce(reg.name, n.nspname) AS name,
            CASE WHEN reg.schema IS NULL THEN 'orphan' WHEN n.nspname IS NULL AND reg.schema <> 'public' THEN 'missing' ELSE reg.status END AS status,
            coalesce(reg.schema = 'public', false) AS shared
       FROM reg
       FULL JOIN (SELECT nspname::text FROM pg_namespace WHERE ${notExcludedSql('nspname', '$1')}) n ON n.nspname = reg.schema
      WHERE reg.schema IS NULL OR reg.schema = 'public' OR ${notExcludedSql('reg.schema', '$1')}
      ORDER BY 4 DESC, 1`,
    [ignoreSchemas],
  );
  return {
    registry,
    tenants: rows.map((r) => ({
      schema: r.schema,
      name: r.name ?? r.schema,
      status: r.status,
      ...(r.shared ? { shared: true } : {}),
    })),
  };
}

/** The tenants a fleet-wide command works on: registered, schema present, not shared. */
export function workingTenants(
  fleet: Fleet,
  opts: { includeSuspended?: boolean } = { includeSuspended: true },
): FleetTenant[] {
  return fleet.tenants.filter(
    (t) => !t.shared && (t.status === 'active' || (opts.includeSuspended && t.status === 'suspended')),
  );
}
