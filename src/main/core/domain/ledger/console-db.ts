import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type ColumnType,
  type Compilable,
} from 'kysely';
import type { ClientBase, QueryResult } from 'pg';

/** `tenantry_migrations`, the ledger in each schema (CLI.md "Migrations in detail"). */
export interface LedgerTable {
  name: string;
  checksum: string;
  state: 'applied' | 'baselined' | 'failed';
  applied_at: ColumnType<Date, never, never>;
  duration_ms: number | null;
  applied_by: string | null;
  tenantry_version: string | null;
  error: string | null;
}

/** `tenantry.audit_log`, the database copy of the audit log (migrations/0002_audit_log.sql). */
export interface AuditLogTable {
  hash: string;
  prev: string;
  at: string;
  who: string;
  action: string;
  profile: string | null;
  environment: string | null;
  database: string | null;
  target: string | null;
  params: string | null;
  result: string;
  error: string | null;
  duration_ms: number | null;
}

/** `tenantry.tenants`, the native registry (migrations/0001_native_registry.sql). */
export interface NativeTenantTable {
  schema_name: string;
  name: string;
  status: ColumnType<'active' | 'suspended', 'active' | 'suspended' | undefined>;
  plan: string | null;
  created_at: ColumnType<Date, never, never>;
  metadata: ColumnType<unknown, string | undefined>;
}

interface ConsoleTables {
  tenantry_migrations: LedgerTable;
  audit_log: AuditLogTable;
  /** In the `tenantry` schema: `consoleDb.withSchema('tenantry')`. */
  tenants: NativeTenantTable;
}

/**
 * A registry's tenant table, whichever kind: django-tenants' TenantMixin defines schema_name and
 * tenantry.tenants has it too. Everything else — name on a django model, is_active or status, the
 * key the domain table points at, plan and quota columns, --set columns — is found in the catalog
 * (registry-table.ts) and reached by dynamic reference.
 */
export interface RegistryTenantTable {
  schema_name: string;
  /** Read only when the catalog shows it (RegistryTable.hasName). */
  name: ColumnType<string, string | undefined, string>;
}

/**
 * A registry's domain table: django-tenants' DomainMixin (domain, is_primary, tenant_id) or
 * tenantry.domains (domain, is_primary, schema_name). The column pointing at the tenant is found in
 * the catalog; is_primary is used only where the catalog shows it.
 */
export interface RegistryDomainTable {
  domain: string;
  is_primary: ColumnType<boolean, boolean | undefined, boolean>;
}

/** The registry's two tables by role: registryDb(table) (registry/registry-db.ts) puts the real names in. */
export interface RegistryTables {
  registry_tenant: RegistryTenantTable;
  registry_domain: RegistryDomainTable;
}

/**
 * kysely builds the statements on the tables whose shape we own, typed by these interfaces; our own
 * pg clients run them, inside the transactions and sessions they already hold (hence no driver).
 */
const dialect = {
  createAdapter: () => new PostgresAdapter(),
  createDriver: () => new DummyDriver(),
  createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
  createQueryCompiler: () => new PostgresQueryCompiler(),
};

export const consoleDb = new Kysely<ConsoleTables>({ dialect });

/** Registry statements name the tables by role; only registryDb(table) compiles them, with the real names. */
export const registryRoleDb = new Kysely<RegistryTables>({ dialect });

/** Runs a built statement on a client we hold. */
export function runOn<R extends object = Record<string, unknown>>(
  client: ClientBase,
  query: Compilable,
): Promise<QueryResult<R>> {
  const { sql, parameters } = query.compile();
  return client.query<R>(sql, parameters as unknown[]);
}
