import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/errors';
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
  /** Where it was read from, for messages: the folder and file name, e.g. `tenant/0004_enrollment.sql`. */
  file?: string;
}

const FILE_NAME = /^(\d+)_([a-z0-9_]+)\.sql$/;
const DOWN_NAME = /^(\d+_[a-z0-9_]+)\.down\.sql$/;
const NO_TRANSACTION = /^--\s*tenantry:no-transaction\s*$/;
/** Names that say "a migration" (SQL, or a number first) but that the engine would not run. */
const LOOKS_LIKE_MIGRATION = /(\.sql$)|(^\d+[_-])/i;

/** Every file the engine would skip is an error naming it and the expected form: nothing is ignored in silence. */
function refuseUnrunnable(dir: string, names: string[]): void {
  const ups = new Set(names.filter((n) => FILE_NAME.test(n)));
  const bad: string[] = [];
  const orphanDowns: string[] = [];
  for (const name of names) {
    if (FILE_NAME.test(name)) continue;
    const down = DOWN_NAME.exec(name);
    if (down) {
      if (!ups.has(`${down[1]}.sql`)) orphanDowns.push(name);
      continue;
    }
    if (LOOKS_LIKE_MIGRATION.test(name)) bad.push(name);
  }
  const folder = `${path.basename(dir)}/`;
  if (bad.length) {
    throw new AppError(
      'MIGRATION_FILE_INVALID',
      `${folder} holds ${bad.length === 1 ? 'a file' : 'files'} the engine would never run: ${bad.join(', ')}.`,
      'Name each migration NNNN_name.sql: digits, an underscore, then lower-case letters, digits and underscores (e.g. 0003_add_upper.sql); its undo is NNNN_name.down.sql.',
      { field: bad[0] },
    );
  }
  if (orphanDowns.length) {
    throw new AppError(
      'MIGRATION_FILE_INVALID',
      `${folder} holds ${orphanDowns.map((n) => `${n} without ${n.replace(/\.down\.sql$/, '.sql')}`).join(', ')}.`,
      'A down file NNNN_name.down.sql sits beside its migration NNNN_name.sql: rename it to match, or remove it.',
      { field: orphanDowns[0] },
    );
  }
}

/**
 * Reads `NNNN_name.sql` (+ optional `NNNN_name.down.sql`) in version order; refuses duplicate
 * numbers and files it would not run.
 */
export async function readMigrationDir(dir: string): Promise<MigrationFile[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const names = entries
    .filter((e) => !e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  refuseUnrunnable(dir, names);
  const files: MigrationFile[] = [];
  const byVersion = new Map<number, string>();
  for (const entry of names) {
    const match = FILE_NAME.exec(entry);
    if (!match) continue;
    const version = Number(match[1]);
    const name = entry.slice(0, -'.sql'.length);
    const other = byVersion.get(version);
    if (other) {
      throw new AppError(
        'DUPLICATE_MIGRATION',
        `Two migrations share number ${match[1]}: ${other}.sql and ${entry}.`,
        'Renumber one of them; each number is used once.',
      );
    }
    byVersion.set(version, name);
    const sql = await fs.readFile(path.join(dir, entry), 'utf8');
    const downSql = await fs.readFile(path.join(dir, `${name}.down.sql`), 'utf8').catch(() => undefined);
    files.push({
      name,
      version,
      sql,
      checksum: migrationChecksum(sql),
      noTransaction: NO_TRANSACTION.test(sql.split(/\r?\n/, 1)[0] ?? ''),
      downSql,
      file: `${path.basename(dir)}/${entry}`,
    });
  }
  return files.sort((a, b) => a.version - b.version);
}

export interface MigrationSet {
  shared: MigrationFile[];
  tenant: MigrationFile[];
}

/** A project's `migrations/shared/` (for public) and `migrations/tenant/` (for every tenant). */
export async function readProjectMigrations(projectDir: string): Promise<MigrationSet> {
  const [shared, tenant] = await Promise.all([
    readMigrationDir(path.join(projectDir, 'migrations', 'shared')),
    readMigrationDir(path.join(projectDir, 'migrations', 'tenant')),
  ]);
  return { shared, tenant };
}
