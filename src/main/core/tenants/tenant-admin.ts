import { checkPrivileges } from '../domain/privileges';
import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { RegistryInfo } from '../../../shared/model/connection';
import type { Profile } from '../../../shared/model/profile';
import { quoteIdent } from '../db/identifiers';
import { toAppError } from '../db/pg-errors';
import { withTenantLock } from '../domain/tenant-locks';
import type { BackupPort } from '../domain/backup-port';
import { resolveRegistry } from '../domain/registry/detect-registry';
import {
  checkColumnValues,
  deleteRegistryRow,
  inTransaction,
  insertRegistryRow,
  writeTenantStatus,
} from '../domain/registry/registry-writes';
import { isRegistered } from '../domain/registry/registry-reads';
import { readRegistryTable, type RegistryTable } from '../domain/registry/registry-table';
import { assertTenantSchemaName } from './schema-checks';

export interface TenantPresence {
  registry: RegistryInfo;
  table?: RegistryTable;
  schemaExists: boolean;
  registered: boolean;
}

/** Where one tenant stands: its registry row and its schema. */
export async function tenantPresence(client: ClientBase, spec: string, schema: string): Promise<TenantPresence> {
  const registry = { ...(await resolveRegistry(client, spec)), tenantCount: 0 };
  const table = await readRegistryTable(client, registry);
  if (schema === 'public')
    throw new AppError(
      'INVALID_IDENTIFIER',
      'public is the shared schema, never a tenant.',
      'Choose a tenant schema.',
      { field: 'schema' },
    );
  assertTenantSchemaName(schema, registry);
  const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  const registered = table ? await isRegistered(client, table, schema) : Boolean(rowCount);
  return { registry, table, schemaExists: Boolean(rowCount), registered };
}

function requireTable(p: TenantPresence, what: string): RegistryTable {
  if (!p.table)
    throw new AppError(
      'NOT_SUPPORTED',
      `${what} needs a registry table; this profile lists tenants by the pattern ${p.registry.source}.`,
      'Choose the native or django-tenants registry in the profile.',
    );
  return p.table;
}

export async function setTenantStatus(
  client: ClientBase,
  spec: string,
  schema: string,
  status: 'active' | 'suspended',
): Promise<void> {
  const p = await tenantPresence(client, spec, schema);
  const table = requireTable(p, 'Suspending a tenant');
  if (!table.status)
    throw new AppError(
      'NOT_SUPPORTED',
      `The registry ${table.schema}.${table.table} has no status or is_active column.`,
      'Add a boolean is_active column to the tenant table, or use the native registry.',
    );
  if (!p.registered)
    throw new AppError(
      'TENANT_NOT_FOUND',
      `The registry has no tenant ${schema}.`,
      'Check the schema name with `tenantry tenants list`.',
    );
  await withTenantLock(client, schema, { what: status === 'active' ? 'reactivate' : 'suspend' }, () =>
    writeTenantStatus(client, table, schema, status),
  );
}

export interface DropOutcome {
  backupId: string | null;
  droppedSchema: boolean;
  removedRegistryRow: boolean;
}

/** Takes the fresh pre-drop backup; a console without backups refuses the drop. */
async function preDropBackup(backups: BackupPort, profile: Profile, schema: string): Promise<string> {
  try {
    return (await backups.take({ profile, scope: 'tenant', schemas: [schema], reason: 'pre-drop' })).id;
  } catch (e) {
    if ((e as { code?: string }).code === 'NOT_SUPPORTED') {
      throw new AppError(
        'BACKUP_REQUIRED',
        `A tenant is dropped only after a fresh backup, and backups are not available here: ${(e as Error).message}`,
        'Make pg_dump available for this server, then try again.',
      );
    }
    throw e;
  }
}

/** Drops a tenant schema (after a fresh backup) and its registry rows, in one transaction. */
export async function dropTenant(
  client: ClientBase,
  env: { spec: string; profile: Profile; backups: BackupPort },
  schema: string,
): Promise<DropOutcome> {
  const p = await tenantPresence(client, env.spec, schema);
  if (!p.schemaExists && !p.registered)
    throw new AppError(
      'TENANT_NOT_FOUND',
      `There is no tenant ${schema}: no schema and no registry row.`,
      'Check the schema name with `tenantry tenants list`.',
    );
  if (p.schemaExists)
    await checkPrivileges(
      client,
      { schemas: [schema], needs: ['own-or-create-in-schema', 'select-all'] },
      `Dropping ${schema}`,
    );
  // Held from before the backup to the drop: the backup holds what the tenant held when it went.
  return withTenantLock(client, schema, { what: 'drop' }, async () => {
    const backupId = p.schemaExists ? await preDropBackup(env.backups, env.profile, schema) : null;
    return dropInTransaction(client, p, schema, backupId);
  });
}

function dropInTransaction(
  client: ClientBase,
  p: TenantPresence,
  schema: string,
  backupId: string | null,
): Promise<DropOutcome> {
  return inTransaction(client, async () => {
    try {
      if (p.schemaExists) await client.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      const removed = p.table ? await deleteRegistryRow(client, p.table, schema) : false;
      return { backupId, droppedSchema: p.schemaExists, removedRegistryRow: removed };
    } catch (e) {
      throw toAppError(e, undefined, schema);
    }
  });
}

/** Reconciliation: removes the registry row of a tenant whose schema is gone. */
export async function forgetMissingTenant(client: ClientBase, spec: string, schema: string): Promise<boolean> {
  const p = await tenantPresence(client, spec, schema);
  const table = requireTable(p, 'Removing a registry row');
  if (p.schemaExists)
    throw new AppError(
      'VALIDATION_FAILED',
      `The schema ${schema} exists, so its tenant is not missing.`,
      'Drop the tenant instead (a backup is taken first).',
      { field: 'schema' },
    );
  if (!p.registered) throw new AppError('TENANT_NOT_FOUND', `The registry has no row for ${schema}.`);
  return inTransaction(client, () => deleteRegistryRow(client, table, schema));
}

/** Reconciliation: registers an orphan schema under `name`. */
export async function adoptOrphan(
  client: ClientBase,
  spec: string,
  schema: string,
  name: string,
  values: Record<string, string>,
): Promise<void> {
  const p = await tenantPresence(client, spec, schema);
  const table = requireTable(p, 'Adopting a schema');
  if (!p.schemaExists) throw new AppError('TENANT_NOT_FOUND', `There is no schema ${schema} to adopt.`);
  if (p.registered)
    throw new AppError(
      'TENANT_EXISTS',
      `${schema} is already registered.`,
      'Only orphan schemas (no registry row) can be adopted.',
    );
  checkColumnValues(table, values);
  await inTransaction(client, () => insertRegistryRow(client, table, schema, name, values));
}
