import { recordApplied } from './ledger-writes';
import path from 'node:path';
import type { ClientBase } from 'pg';
import { appRoot } from '../../app-root';
import { toAppError } from '../../db/pg-errors';
import { consoleDb, runOn } from './console-db';
import { createLedgerSql } from './ledger-sql';
import { readMigrationDir } from './migration-files';
import { inTransaction } from '../registry/registry-writes';

/** The console's own SQL: the repo's top-level migrations/ (never a project folder). */
export const consoleSqlDir = (): string => path.join(appRoot(), 'migrations');

export const NATIVE_REGISTRY_MIGRATION = '0001_native_registry';

// Any fixed key: two consoles installing at once wait for each other instead of racing.
const INSTALL_LOCK = 7_311_001;

/**
 * Applies the console's own SQL files (all, or those named in `only`) to the `tenantry` schema in
 * one transaction, recording them in `tenantry.tenantry_migrations`. Files already there are skipped.
 * Only ever called when the user opts in (native registry, database audit).
 */
export async function installConsoleSql(
  client: ClientBase,
  opts: { only?: string[]; appliedBy?: string; dir?: string } = {},
): Promise<{ applied: string[]; alreadyInstalled: string[] }> {
  const files = (await readMigrationDir(opts.dir ?? consoleSqlDir())).filter(
    (f) => !opts.only || opts.only.includes(f.name),
  );
  try {
    return await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK]);
      await client.query('CREATE SCHEMA IF NOT EXISTS tenantry');
      await client.query(createLedgerSql('tenantry'));
      const { rows } = await runOn<{ name: string }>(
        client,
        consoleDb
          .withSchema('tenantry')
          .selectFrom('tenantry_migrations')
          .select('name')
          .where('state', '=', 'applied'),
      );
      const done = new Set(rows.map((r) => r.name));
      const applied: string[] = [];
      for (const file of files.filter((f) => !done.has(f.name))) {
        const started = Date.now();
        await client.query('SET LOCAL search_path TO tenantry, public');
        await client.query(file.sql);
        await recordApplied(client, 'tenantry', [file], { [file.name]: Date.now() - started }, opts.appliedBy);
        applied.push(file.name);
      }
      return { applied, alreadyInstalled: files.filter((f) => done.has(f.name)).map((f) => f.name) };
    });
  } catch (e) {
    throw toAppError(e);
  }
}
