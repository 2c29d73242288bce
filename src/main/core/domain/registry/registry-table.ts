import type { ClientBase } from 'pg';
import { AppError } from '../../../../shared/errors';
import type { RegistryInfo } from '../../../../shared/model/connection';
import { quoteIdent, quoteQualified } from '../../db/identifiers';
import { readColumns, readForeignKey } from './registry-catalog';

export interface RegistryColumnInfo {
  name: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

export interface DomainTableInfo {
  schema: string;
  table: string;
  /** The domain table's column pointing at the tenant row (django-tenants: tenant_id; native: schema_name). */
  fkColumn: string;
  hasIsPrimary: boolean;
}

/** What the console needs to know about a registry table, read from the catalog. */
export interface RegistryTable {
  kind: 'django-tenants' | 'native';
  schema: string;
  table: string;
  columns: RegistryColumnInfo[];
  hasName: boolean;
  /** native: the status text column; django-tenants: a boolean is_active/active column. */
  status?: { column: string; kind: 'text' | 'bool' };
  /** The tenant-table column the domain table references (django-tenants: id). */
  keyColumn: string;
  domain?: DomainTableInfo;
  /** Plan and quota columns shown in the list. */
  extraColumns: string[];
}

export function splitQualified(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return dot < 0 ? ['public', qualified] : [qualified.slice(0, dot), qualified.slice(dot + 1)];
}

const EXTRA = /^(plan|max_.+|.+_quota|quota_.+|paid_until|on_trial)$/;

/** Reads the registry table's shape (columns, status flag, domain link) for a detected registry. */
export async function readRegistryTable(
  client: ClientBase,
  registry: RegistryInfo,
): Promise<RegistryTable | undefined> {
  if (registry.kind === 'pattern') return undefined;
  const [schema, table] = splitQualified(registry.source);
  const columns = await readColumns(client, schema, table);
  if (!columns.some((c) => c.name === 'schema_name')) {
    throw new AppError(
      'REGISTRY_NOT_FOUND',
      `The registry table ${registry.source} has no schema_name column.`,
      'Point the profile at the TenantMixin table (--registry django-tenants:TABLE), or use pattern:tenant_*.',
    );
  }
  const byName = new Map(columns.map((c) => [c.name, c]));
  let status: RegistryTable['status'];
  if (registry.kind === 'native' && byName.has('status')) status = { column: 'status', kind: 'text' };
  const boolFlag = ['is_active', 'active'].find((n) => byName.get(n)?.type === 'boolean');
  if (registry.kind === 'django-tenants' && boolFlag) status = { column: boolFlag, kind: 'bool' };

  let keyColumn = 'schema_name';
  let domain: DomainTableInfo | undefined;
  if (registry.domainTable) {
    const [dSchema, dTable] = splitQualified(registry.domainTable);
    const fk = await readForeignKey(client, { schema: dSchema, table: dTable }, { schema, table });
    const dColumns = await readColumns(client, dSchema, dTable);
    if (fk && dColumns.some((c) => c.name === 'domain')) {
      keyColumn = fk.refColumn;
      domain = {
        schema: dSchema,
        table: dTable,
        fkColumn: fk.fkColumn,
        hasIsPrimary: dColumns.some((c) => c.name === 'is_primary'),
      };
    }
  }
  return {
    kind: registry.kind,
    schema,
    table,
    columns,
    hasName: byName.has('name'),
    status,
    keyColumn,
    domain,
    extraColumns: columns.filter((c) => EXTRA.test(c.name)).map((c) => c.name),
  };
}

/** `tenant_table AS r`'s display-name expression. */
export function nameExpr(t: RegistryTable, alias = 'r'): string {
  return t.hasName ? `${alias}.${quoteIdent('name')}::text` : `${alias}.schema_name::text`;
}

/** `active`/`suspended` from the registry row. */
export function statusExpr(t: RegistryTable, alias = 'r'): string {
  if (!t.status) return `'active'`;
  const col = `${alias}.${quoteIdent(t.status.column)}`;
  return t.status.kind === 'bool'
    ? `CASE WHEN ${col} THEN 'active' ELSE 'suspended' END`
    : `CASE WHEN ${col} = 'suspended' THEN 'suspended' ELSE 'active' END`;
}

/** Columns a user must fill when registering a tenant: NOT NULL without a default, other than schema_name and name. */
export function requiredColumns(t: RegistryTable): RegistryColumnInfo[] {
  return t.columns.filter((c) => c.notNull && !c.hasDefault && c.name !== 'schema_name' && c.name !== 'name');
}

export function qualifiedTable(t: RegistryTable): string {
  return quoteQualified(t.schema, t.table);
}
