import type { ClientBase } from 'pg';
import type { RegistryInfo } from '../../../shared/model/connection';
import { quoteQualified } from '../db/identifiers';
import { detectRegistry } from './detect-registry';
import { notExcludedSql } from './excluded-schemas';
import { globToLike } from './registry-spec';

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

/** Where a django-tenants registry keeps suspension: a boolean is_active column when there is one. */
async function activeColumn(client: ClientBase, table: string): Promise<string | undefined> {
  const [schema, name] = table.split('.');
  const { rows } = await client.query<{ attname: string }>(
    `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attname IN ('is_active', 'active') AND a.atttypid = 'bool'::regtype AND NOT a.attisdropped
      ORDER BY a.attname DESC LIMIT 1`,
    [schema, name],
  );
  return rows[0]?.attname;
}

/**
 * The registry reconciled with the catalog in one query: every registered tenant (active,
 * suspended, or missing its schema) and every unregistered schema that is not excluded (orphan).
 */
export async function loadFleet(client: ClientBase, registrySpec: string | undefined, ignoreSchemas: string[] = []): Promise<Fleet> {
  const registry = await detectRegistry(client, registrySpec);
  if (registry.kind === 'pattern') {
    const { rows } = await client.query<{ schema: string }>(
      `SELECT nspname AS schema FROM pg_namespace WHERE nspname LIKE $1 AND ${notExcludedSql('nspname', '$2')} ORDER BY nspname`,
      [globToLike(registry.source), ignoreSchemas],
    );
    return { registry, tenants: rows.map((r) => ({ schema: r.schema, name: r.schema, status: 'active' })) };
  }
  const [schema, table] = registry.source.split('.');
  const statusExpr =
    registry.kind === 'native'
      ? `r.status`
      : await activeColumn(client, registry.source).then((col) => (col ? `CASE WHEN r.${col} THEN 'active' ELSE 'suspended' END` : `'active'`));
  const { rows } = await client.query<{ schema: string; name: string | null; status: TenantState; shared: boolean }>(
    `WITH reg AS (
       SELECT r.schema_name::text AS schema, r.name::text AS name, ${statusExpr} AS status FROM ${quoteQualified(schema, table)} r
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
  return { registry, tenants: rows.map((r) => ({ schema: r.schema, name: r.name ?? r.schema, status: r.status, ...(r.shared ? { shared: true } : {}) })) };
}

/** The tenants a fleet-wide command works on: registered, schema present, not shared. */
export function workingTenants(fleet: Fleet, opts: { includeSuspended?: boolean } = { includeSuspended: true }): FleetTenant[] {
  return fleet.tenants.filter((t) => !t.shared && (t.status === 'active' || (opts.includeSuspended && t.status === 'suspended')));
}
