import type { MigrationPort } from '../domain/ports';
import { applyMigrationsToSchema } from './tenant-apply';

/** The migrations area's side of MigrationPort (wired in create-core.ts). */
export function createMigrationPort(): MigrationPort {
  return {
    applyInTransaction: (client, schema, files, opts) =>
      applyMigrationsToSchema(client, schema, files, { ...opts, inTransaction: true }),
  };
}
