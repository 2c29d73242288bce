import { AppError } from '../../../shared/errors';
import { splitSql, type SqlStatement } from '../domain/sql';
import type { MigrationFile } from '../domain/ledger/migration-files';

/** Parsed statements by file text: a file is parsed once per process, however many tenants run it. */
const parsed = new Map<string, SqlStatement[]>();
const CACHE_LIMIT = 2000;

export function sourceOf(file: MigrationFile): string {
  return file.file ?? `${file.name}.sql`;
}

/** The file's statements by PostgreSQL's parser; SQL_SYNTAX_ERROR or PSQL_ONLY_SQL name the file and line. */
export function migrationStatements(file: MigrationFile): SqlStatement[] {
  let statements = parsed.get(file.sql);
  if (!statements) {
    statements = splitSql(file.sql, sourceOf(file));
    if (parsed.size >= CACHE_LIMIT) parsed.clear();
    parsed.set(file.sql, statements);
  }
  return statements;
}

/**
 * Every file parses, and each no-transaction file holds exactly one statement: checked for all
 * files of a run before any tenant is touched (CLI.md), so a run is refused whole, exit 2.
 */
export function assertRunnable(files: Iterable<MigrationFile>): void {
  for (const file of files) {
    const statements = migrationStatements(file);
    if (!file.noTransaction || statements.length === 1) continue;
    const source = sourceOf(file);
    throw new AppError(
      'NO_TRANSACTION_MULTIPLE_STATEMENTS',
      statements.length
        ? `${source} is marked no-transaction but holds ${statements.length} statements (the second at line ${statements[1].line}); nothing was run.`
        : `${source} is marked no-transaction but holds no statement; nothing was run.`,
      'A no-transaction file holds exactly one statement (e.g. CREATE INDEX CONCURRENTLY): move the other statements to a file of their own.',
    );
  }
}
