import { sql } from 'kysely';
import type { ClientBase } from 'pg';
import { TENANTRY_VERSION } from '../../version';
import { consoleDb, runOn } from './console-db';

export interface LedgerFile {
  name: string;
  checksum: string;
}

/** Records files as applied in `schema`'s ledger; a later success replaces a failed or older row. */
export async function recordApplied(
  client: ClientBase,
  schema: string,
  files: LedgerFile[],
  durations: Record<string, number>,
  appliedBy: string | undefined,
): Promise<void> {
  if (!files.length) return;
  await runOn(
    client,
    consoleDb
      .withSchema(schema)
      .insertInto('tenantry_migrations')
      .values(
        files.map((f) => ({
          name: f.name,
          checksum: f.checksum,
          state: 'applied' as const,
          duration_ms: durations[f.name] ?? 0,
          applied_by: appliedBy ?? null,
          tenantry_version: TENANTRY_VERSION,
        })),
      )
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          checksum: eb.ref('excluded.checksum'),
          state: 'applied',
          applied_at: sql`now()` as never,
          duration_ms: eb.ref('excluded.duration_ms'),
          applied_by: eb.ref('excluded.applied_by'),
          tenantry_version: eb.ref('excluded.tenantry_version'),
          error: null,
        })),
      ),
  );
}

/** A failed attempt, written after its rollback; it never replaces an applied row. */
export async function recordFailed(
  client: ClientBase,
  schema: string,
  file: LedgerFile,
  error: string,
  appliedBy: string | undefined,
): Promise<void> {
  await runOn(
    client,
    consoleDb
      .withSchema(schema)
      .insertInto('tenantry_migrations')
      .values({
        name: file.name,
        checksum: file.checksum,
        state: 'failed',
        applied_by: appliedBy ?? null,
        tenantry_version: TENANTRY_VERSION,
        error: error.slice(0, 2000),
      })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            checksum: eb.ref('excluded.checksum'),
            applied_at: sql`now()` as never,
            applied_by: eb.ref('excluded.applied_by'),
            tenantry_version: eb.ref('excluded.tenantry_version'),
            error: eb.ref('excluded.error'),
          }))
          .where('tenantry_migrations.state', '=', 'failed'),
      ),
  );
}

export async function removeLedgerRows(client: ClientBase, schema: string, names: string[]): Promise<void> {
  if (!names.length) return;
  await runOn(client, consoleDb.withSchema(schema).deleteFrom('tenantry_migrations').where('name', 'in', names));
}

/** Baseline: rows for files the structure proves, never over an existing row; returns the names recorded. */
export async function recordBaselined(client: ClientBase, schema: string, files: LedgerFile[]): Promise<string[]> {
  if (!files.length) return [];
  const { rows } = await runOn<{ name: string }>(
    client,
    consoleDb
      .withSchema(schema)
      .insertInto('tenantry_migrations')
      .values(
        files.map((f) => ({
          name: f.name,
          checksum: f.checksum,
          state: 'baselined' as const,
          duration_ms: null,
          applied_by: sql<string>`current_user`,
          tenantry_version: TENANTRY_VERSION,
        })),
      )
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('name'),
  );
  return rows.map((r) => r.name);
}

/** Baseline undo: removes `schema`'s baselined rows; returns their names. */
export async function removeBaselinedRows(client: ClientBase, schema: string): Promise<string[]> {
  const { rows } = await runOn<{ name: string }>(
    client,
    consoleDb.withSchema(schema).deleteFrom('tenantry_migrations').where('state', '=', 'baselined').returning('name'),
  );
  return rows.map((r) => r.name);
}
