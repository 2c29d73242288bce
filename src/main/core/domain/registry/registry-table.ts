import type { ClientBase } from 'pg';
import { AppError } from '../../../../shared/errors';
import type { RegistryInfo } from '../../../../shared/model/connection';
import { quoteIdent, quoteQualified } from '../../db/identifiers';

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

const COLUMNS_SQL = `
SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS has_default
  FROM pg_attribute a
 WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum`;

const FK_SQL = `
SELECT fa.attname AS fk_column, ra.attname AS ref_column
  FROM pg_constraint fk
  JOIN pg_attribute fa ON fa.attrelid = fk.conrelid AND fa.attnum = fk.conkey[1]
  JOIN pg_attribute ra ON ra.attrelid = fk.confrelid AND ra.attnum = fk.confkey[1]
 WHERE fk.contype = 'f' AND fk.conrelid = to_regclass($1) AND fk.confrelid = to_regclass($2) AND cardinality(fk.conkey) = 1
 LIMIT 1`;

export function splitQualified(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return dot < 0 ? ['public', qualified] : [qualified.slice(0, dot), qualified.slice(dot + 1)];
}

async function readColumns(client: ClientBase, schema: string, table: string): Promise<RegistryColumnInfo[]> {
  const { rows } = await client.query<{ name: string; type: string; not_null: boolean; has_default: boolean }>(
    COLUMNS_SQL,
    [quoteQualified(schema, table)],
  );
  return rows.map((r) => ({ name: r.name, type: r.type, notNull: r.not_null, hasDefault: r.has_default }));
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
    const { rows } = await client.query<{ fk_column: string; ref_column: string }>(FK_SQL, [
      quoteQualified(dSchema, dTable),
      quoteQualified(schema, table),
    ]);
    const dColumns = await readColumns(client, dSchema, dTable);
    if (rows[0] && dColumns.some((c) => c.name === 'domain')) {
      keyColumn = rows[0].ref_column;
      domain = {
        schema: dSchema,
        table: dTable,
        fkColumn: rows[0].fk_column,
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
