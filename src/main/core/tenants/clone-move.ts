import type { ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { quoteIdent } from '../db/identifiers';
import type { JobContext } from '../jobs/jobs';
import { insertDomains, insertRegistryRow, inTransaction } from '../domain/registry/registry-writes';
import { readTenantDomains, readTenantRow } from '../domain/registry/registry-reads';
import { requiredColumns, type RegistryTable } from '../domain/registry/registry-table';
import { assertSchemaFree, assertTenantSchemaName } from './schema-checks';
import { setTenantStatus, tenantPresence } from './tenant-admin';

export interface SourceRow {
  name: string;
  values: Record<string, string>;
  domains: string[];
}

/** The source tenant's registry values worth carrying over (required, plan and quota columns) as text. */
async function readSourceRow(client: ClientBase, table: RegistryTable | undefined, schema: string): Promise<SourceRow> {
  if (!table) return { name: schema, values: {}, domains: [] };
  const cols = [...new Set([...requiredColumns(table).map((c) => c.name), ...table.extraColumns])];
  const row = await readTenantRow(client, table, schema, cols);
  const values = Object.fromEntries(
    Object.entries(row?.values ?? {}).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  return { name: row?.name ?? schema, values, domains: await readTenantDomains(client, table, schema) };
}

/** Registers the restored schema; if that fails the restored schema is dropped, so nothing half-made stays. */
async function registerOrUndo(
  client: ClientBase,
  table: RegistryTable | undefined,
  schema: string,
  row: SourceRow,
  domains: string[],
): Promise<void> {
  if (!table) return;
  try {
    await inTransaction(client, async () => {
      await insertRegistryRow(client, table, schema, row.name, row.values);
      await insertDomains(client, table, schema, domains);
    });
  } catch (e) {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
    throw e;
  }
}

async function backupAndRestore(
  deps: CoreDeps,
  job: JobContext,
  profile: Profile,
  schema: string,
  target: { as?: string; toProfileId?: string },
): Promise<string> {
  job.log(`backing up ${schema}`);
  const backup = await deps.ports.backups.take({
    profile,
    scope: 'tenant',
    schemas: [schema],
    reason: 'manual',
    signal: job.signal,
  });
  await deps.ports.restores.restoreTenant(
    backup.id,
    { tenant: schema, ...target },
    { signal: job.signal, progress: (d, t, c) => job.progress(d, t, c), log: (l) => job.log(l) },
  );
  return backup.id;
}

/** Clone: dump → restore as a new schema (row counts verified) → register under a new name. */
export async function cloneTenant(
  deps: CoreDeps,
  job: JobContext,
  env: { profile: Profile; spec: string },
  input: { schema: string; as: string; name?: string },
) {
  const before = await deps.pools.withClient(env.profile, async (client) => {
    const p = await tenantPresence(client, env.spec, input.schema);
    if (!p.schemaExists) throw new AppError('TENANT_NOT_FOUND', `There is no schema ${input.schema} to clone.`);
    assertTenantSchemaName(input.as, p.registry);
    await assertSchemaFree(client, input.as, p.table);
    return { table: p.table, row: await readSourceRow(client, p.table, input.schema) };
  });
  const backupId = await backupAndRestore(deps, job, env.profile, input.schema, { as: input.as });
  const row = { ...before.row, name: input.name ?? `${before.row.name} (copy)` };
  await deps.pools.withClient(env.profile, (client) => registerOrUndo(client, before.table, input.as, row, []));
  return { schema: input.as, source: input.schema, backupId, name: row.name };
}

/**
 * Move: backup → restore on the other profile (row counts verified) → register there with its
 * domains → suspend the source, which is kept until the user drops it.
 */
export async function moveTenant(
  deps: CoreDeps,
  job: JobContext,
  env: { profile: Profile; spec: string; dest: Profile; destSpec: string },
  schema: string,
) {
  const source = await deps.pools.withClient(env.profile, async (client) => {
    const p = await tenantPresence(client, env.spec, schema);
    if (!p.schemaExists) throw new AppError('TENANT_NOT_FOUND', `There is no schema ${schema} to move.`);
    return { canSuspend: Boolean(p.table?.status) && p.registered, row: await readSourceRow(client, p.table, schema) };
  });
  const destTable = await deps.pools.withClient(env.dest, async (client) => {
    const p = await tenantPresence(client, env.destSpec, schema);
    await assertSchemaFree(client, schema, p.table);
    return p.table;
  });
  const backupId = await backupAndRestore(deps, job, env.profile, schema, { toProfileId: env.dest.id });
  // Only the columns the destination registry has travel; its own defaults fill the rest.
  const values = Object.fromEntries(
    Object.entries(source.row.values).filter(([k]) => destTable?.columns.some((c) => c.name === k)),
  );
  await deps.pools.withClient(env.dest, (client) =>
    registerOrUndo(client, destTable, schema, { ...source.row, values }, destTable?.domain ? source.row.domains : []),
  );
  if (source.canSuspend)
    await deps.pools.withClient(env.profile, (client) => setTenantStatus(client, env.spec, schema, 'suspended'));
  return { schema, backupId, to: env.dest.name, sourceSuspended: source.canSuspend, sourceKept: true };
}
