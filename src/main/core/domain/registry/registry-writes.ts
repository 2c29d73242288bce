import type { ClientBase } from 'pg';
import { AppError } from '../../../../shared/errors';
import { sql } from 'kysely';
import { runOn } from '../ledger/console-db';
import { column, registryDb } from './registry-db';
import { requiredColumns, type RegistryTable } from './registry-table';

const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function cleanDomains(domains: string[], table: RegistryTable | undefined): string[] {
  const clean = [...new Set(domains.map((d) => d.trim().toLowerCase()).filter(Boolean))];
  for (const d of clean) {
    if (!DOMAIN.test(d))
      throw new AppError(
        'VALIDATION_FAILED',
        `"${d}" is not a domain name.`,
        'Use letters, digits, dashes and dots, e.g. clinica1.example.com.',
        { field: 'domains' },
      );
  }
  if (clean.length && !table?.domain)
    throw new AppError(
      'VALIDATION_FAILED',
      'This registry has no domain table, so domains cannot be recorded.',
      'Create the tenant without --domain.',
      { field: 'domains' },
    );
  return clean;
}

/** Checks --set values name real, writable columns and that every required column has one. */
export function checkColumnValues(table: RegistryTable, values: Record<string, string>): void {
  const known = new Map(table.columns.map((c) => [c.name, c]));
  for (const column of Object.keys(values)) {
    if (!known.has(column) || column === 'schema_name') {
      throw new AppError(
        'VALIDATION_FAILED',
        `The registry ${table.schema}.${table.table} has no settable column "${column}".`,
        `Settable columns: ${table.columns
          .filter((c) => c.name !== 'schema_name')
          .map((c) => c.name)
          .join(', ')}.`,
        { field: column },
      );
    }
  }
  const missing = requiredColumns(table).filter((c) => values[c.name] === undefined);
  if (missing.length) {
    throw new AppError(
      'REGISTRY_COLUMN_REQUIRED',
      `The registry ${table.schema}.${table.table} needs a value for ${missing.map((c) => `${c.name} (${c.type})`).join(', ')}.`,
      `Pass ${missing.map((c) => `--set ${c.name}=VALUE`).join(' ')}.`,
      { field: missing[0].name },
    );
  }
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string }).code === '23505';
}

/** Inserts the tenant's registry row; values are parameters, cast by the server to each column's type. */
export async function insertRegistryRow(
  client: ClientBase,
  table: RegistryTable,
  schema: string,
  name: string,
  values: Record<string, string>,
): Promise<void> {
  const row: Record<string, string> & { schema_name: string } = { ...values, schema_name: schema };
  if (table.hasName && values.name === undefined) row.name = name;
  try {
    await runOn(client, registryDb(table).insertInto('registry_tenant').values(row));
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError(
        'TENANT_EXISTS',
        `The registry already has a tenant like ${schema}: ${(e as Error).message}`,
        'Choose another name or schema.',
        { field: 'schema' },
      );
    throw e;
  }
}

/** The tenant row's key, the one the domain table points at (django-tenants: id; native: schema_name). */
function tenantKeyOf(table: RegistryTable, schema: string) {
  return registryDb(table)
    .selectFrom('registry_tenant as r')
    .select(column('r', table.keyColumn).as('key'))
    .where('r.schema_name', '=', schema);
}

/** The domain rows point at the tenant row by the key the catalog found (django-tenants: id). */
export async function insertDomains(
  client: ClientBase,
  table: RegistryTable,
  schema: string,
  domains: string[],
): Promise<void> {
  const d = table.domain;
  if (!d || !domains.length) return;
  const db = registryDb(table);
  const tenantKey = tenantKeyOf(table, schema);
  for (const [i, domain] of domains.entries()) {
    try {
      await runOn(
        client,
        db.insertInto('registry_domain').values({
          domain,
          ...(d.hasIsPrimary ? { is_primary: i === 0 } : {}),
          [d.fkColumn]: tenantKey,
        }),
      );
    } catch (e) {
      if (isUniqueViolation(e))
        throw new AppError(
          'VALIDATION_FAILED',
          `The domain ${domain} already belongs to another tenant.`,
          'Choose another domain.',
          { field: 'domains' },
        );
      throw e;
    }
  }
}

/** Removes a tenant's domain rows and registry row; returns whether a registry row was there. */
export async function deleteRegistryRow(client: ClientBase, table: RegistryTable, schema: string): Promise<boolean> {
  const db = registryDb(table);
  const d = table.domain;
  if (d) {
    await runOn(
      client,
      db.deleteFrom('registry_domain as d').where(column('d', d.fkColumn), 'in', tenantKeyOf(table, schema)),
    );
  }
  const { rowCount } = await runOn(client, db.deleteFrom('registry_tenant').where('schema_name', '=', schema));
  return Boolean(rowCount);
}

/** Sets the tenant's status column (native: status text; django-tenants: a boolean is_active/active). */
export async function writeTenantStatus(
  client: ClientBase,
  table: RegistryTable,
  schema: string,
  status: 'active' | 'suspended',
): Promise<void> {
  if (!table.status) throw new Error(`${table.schema}.${table.table} has no status column`);
  const value = table.status.kind === 'bool' ? status === 'active' : status;
  await runOn(
    client,
    registryDb(table)
      .updateTable('registry_tenant')
      .set(sql.id(table.status.column), value)
      .where('schema_name', '=', schema),
  );
}

/** Runs `work` in one transaction on `client`: COMMIT when it returns, ROLLBACK when it throws. */
export async function inTransaction<T>(client: ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const value = await work();
    await client.query('COMMIT');
    return value;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
