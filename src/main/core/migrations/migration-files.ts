import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { migrationChecksum } from './checksum';

export interface MigrationFile {
  /** File name without `.sql`, e.g. `0004_enrollment`: the ledger's key. */
  name: string;
  version: number;
  sql: string;
  checksum: string;
  /** First line `-- tenantry:no-transaction`: one statement, run outside a transaction. */
  noTransaction: boolean;
  downSql?: string;
}

const FILE_NAME = /^(\d+)_([a-z0-9_]+)\.sql$/;
const NO_TRANSACTION = /^--\s*tenantry:no-transaction\s*$/;

/** Reads `NNNN_name.sql` (+ optional `NNNN_name.down.sql`) in version order; refuses duplicate numbers. */
export async function readMigrationDir(dir: string): Promise<MigrationFile[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files: MigrationFile[] = [];
  const byVersion = new Map<number, string>();
  for (const entry of entries.sort()) {
    if (entry.endsWith('.down.sql')) continue;
    const match = FILE_NAME.exec(entry);
    if (!match) continue;
    const version = Number(match[1]);
    const name = entry.slice(0, -'.sql'.length);
    const other = byVersion.get(version);
    if (other) {
      throw new AppError('DUPLICATE_MIGRATION', `Two migrations share number ${match[1]}: ${other}.sql and ${entry}.`, 'Renumber one of them; each number is used once.');
    }
    byVersion.set(version, name);
    const sql = await fs.readFile(path.join(dir, entry), 'utf8');
    const downSql = await fs.readFile(path.join(dir, `${name}.down.sql`), 'utf8').catch(() => undefined);
    files.push({ name, version, sql, checksum: migrationChecksum(sql), noTransaction: NO_TRANSACTION.test(sql.split(/\r?\n/, 1)[0] ?? ''), downSql });
  }
  return files.sort((a, b) => a.version - b.version);
}

export interface MigrationSet {
  shared: MigrationFile[];
  tenant: MigrationFile[];
}

/** A project's `migrations/shared/` (for public) and `migrations/tenant/` (for every tenant). */
export async function readProjectMigrations(projectDir: string): Promise<MigrationSet> {
  const [shared, tenant] = await Promise.all([readMigrationDir(path.join(projectDir, 'migrations', 'shared')), readMigrationDir(path.join(projectDir, 'migrations', 'tenant'))]);
  return { shared, tenant };
}
