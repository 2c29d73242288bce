import type { ClientBase } from 'pg';
import type { BackupPort } from './backup-port';
import type { MigrationFile } from './ledger/migration-files';

/** Applies migration files to a new schema inside the caller's transaction (tenant creation). The migrations area implements it. */
export interface MigrationPort {
  applyInTransaction(
    client: ClientBase,
    schema: string,
    files: MigrationFile[],
    opts: { appliedBy?: string },
  ): Promise<unknown>;
}

/** Restores one tenant of a catalogued backup under a new name or into another profile (clone, move). The backups area implements it. */
export interface RestorePort {
  restoreTenant(
    backupId: string,
    target: { tenant: string; as?: string; toProfileId?: string },
    run: {
      signal?: AbortSignal;
      progress?: (done: number, total: number, current: string) => void;
      log?: (line: string) => void;
    },
  ): Promise<void>;
}

/** What one feature area offers another without a contract call; create-core.ts wires each once. */
export interface CorePorts {
  backups: BackupPort;
  migrations: MigrationPort;
  restores: RestorePort;
}
