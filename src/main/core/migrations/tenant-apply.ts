import type { ClientBase } from 'pg';
import { quoteIdent } from '../db/identifiers';
import { createLedgerSql, LEDGER_TABLE } from './ledger-sql';
import type { MigrationFile } from './migration-files';
import { TENANTRY_VERSION } from '../version';

export interface ApplyToSchemaOptions {
  appliedBy?: string;
  /** Already inside a transaction the caller owns (tenant creation): run transactional files there. */
  inTransaction?: boolean;
}

/**
 * Applies `files` (in order) to `schema` and writes their ledger rows. The migrations area owns
 * this function and its segment rules; tenant creation calls it for a new schema.
 */
export async function applyMigrationsToSchema(client: ClientBase, schema: string, files: MigrationFile[], opts: ApplyToSchemaOptions = {}): Promise<void> {
  await client.query(createLedgerSql(schema));
  for (const file of files) {
    const started = Date.now();
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}, public`);
    await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    await client.query(file.sql);
    await client.query(
      `INSERT INTO ${quoteIdent(schema)}.${LEDGER_TABLE} (name, checksum, state, duration_ms, applied_by, tenantry_version)
       VALUES ($1, $2, 'applied', $3, $4, $5)
       ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, state = 'applied', applied_at = now(), duration_ms = EXCLUDED.duration_ms, error = NULL`,
      [file.name, file.checksum, Date.now() - started, opts.appliedBy ?? null, TENANTRY_VERSION],
    );
  }
}
