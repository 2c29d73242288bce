import type { ClientBase } from 'pg';
import { AppError } from '../../../../shared/errors';
import { quoteIdent } from '../../db/identifiers';
import { qualifiedTable, requiredColumns, type RegistryTable } from './registry-table';

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
  const row: Record<string, string> = { ...values, schema_name: schema };
  if (table.hasName && values.name === undefined) row.name = name;
  const columns = Object.keys(row);
  try {
    await client.query(
      `INSERT INTO ${qualifiedTable(table)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => row[c]),
    );
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

export async function insertDomains(
  client: ClientBase,
  table: RegistryTable,
  schema: string,
  domains: string[],
): Promise<void> {
  const d = table.domain;
  if (!d || !domains.length) return;
  const primary = d.hasIsPrimary ? ', is_primary' : '';
  for (const [i, domain] of domains.entries()) {
    try {
      await client.query(
        `INSERT INTO ${quoteIdent(d.schema)}.${quoteIdent(d.table)} (domain, ${quoteIdent(d.fkColumn)}${primary})
         SELECT $1, r.${quoteIdent(table.keyColumn)}${d.hasIsPrimary ? ', $3::boolean' : ''} FROM ${qualifiedTable(table)} r WHERE r.schema_name = $2`,
        d.hasIsPrimary ? [domain, schema, i === 0] : [domain, schema],
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
  const d = table.domain;
  if (d) {
    await client.query(
      `DELETE FROM ${quoteIdent(d.schema)}.${quoteIdent(d.table)} WHERE ${quoteIdent(d.fkColumn)} IN (SELECT r.${quoteIdent(table.keyColumn)} FROM ${qualifiedTable(table)} r WHERE r.schema_name = $1)`,
      [schema],
    );
  }
  const { rowCount } = await client.query(`DELETE FROM ${qualifiedTable(table)} WHERE schema_name = $1`, [schema]);
  return Boolean(rowCount);
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
