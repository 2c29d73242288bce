import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { RegistryInfo } from '../../../shared/model/connection';
import { schemaNameProblem } from '../../../shared/model/tenants';
import { validateIdentifier } from '../db/identifiers';
import { globToLike } from '../domain/registry/registry-spec';
import { isRegistered } from '../domain/registry/registry-reads';
import type { RegistryTable } from '../domain/registry/registry-table';

function likeToRegExp(like: string): RegExp {
  let out = '';
  for (let i = 0; i < like.length; i++) {
    const c = like[i];
    if (c === '\\') out += like[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') out += '.*';
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** The one validator plus the names that are never tenants, and the pattern a pattern registry lists. */
export function assertTenantSchemaName(schema: string, registry: RegistryInfo): string {
  validateIdentifier(schema, 'schema name');
  const problem = schemaNameProblem(schema);
  if (problem) throw new AppError('INVALID_IDENTIFIER', problem, 'Choose another schema name.', { field: 'schema' });
  if (registry.kind === 'pattern' && !likeToRegExp(globToLike(registry.source)).test(schema)) {
    throw new AppError(
      'INVALID_IDENTIFIER',
      `"${schema}" does not match the registry pattern ${registry.source}, so it would not be listed as a tenant.`,
      `Choose a name matching ${registry.source}.`,
      { field: 'schema' },
    );
  }
  return schema;
}

/** SCHEMA_EXISTS when the schema is there, TENANT_EXISTS when the registry already names it. */
export async function assertSchemaFree(
  client: ClientBase,
  schema: string,
  table: RegistryTable | undefined,
): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  if (rowCount)
    throw new AppError(
      'SCHEMA_EXISTS',
      `A schema named ${schema} already exists.`,
      'Choose another schema name (or adopt the existing schema from the reconciliation view if it is an orphan).',
      { field: 'schema' },
    );
  if (table) {
    if (await isRegistered(client, table, schema))
      throw new AppError(
        'TENANT_EXISTS',
        `The registry already has a row for ${schema} (its schema is missing).`,
        'Remove that registry row from the reconciliation view first, or choose another name.',
        { field: 'schema' },
      );
  }
}
