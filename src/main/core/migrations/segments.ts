import type { MigrationFile } from './migration-files';

export type Segment = { kind: 'transaction'; files: MigrationFile[] } | { kind: 'no-transaction'; file: MigrationFile };

/**
 * CLI.md: a schema's pending files run as segments — the transactional files before a
 * no-transaction file in one transaction, then that file alone, then the next segment.
 */
export function toSegments(files: MigrationFile[]): Segment[] {
  const segments: Segment[] = [];
  let current: MigrationFile[] = [];
  for (const file of files) {
    if (!file.noTransaction) {
      current.push(file);
      continue;
    }
    if (current.length) segments.push({ kind: 'transaction', files: current });
    current = [];
    segments.push({ kind: 'no-transaction', file });
  }
  if (current.length) segments.push({ kind: 'transaction', files: current });
  return segments;
}

/** The statement around a PostgreSQL error position (1-based character offset), for the report. */
export function statementAt(sql: string, position: number | undefined): string | undefined {
  if (!position || position < 1 || position > sql.length + 1) return undefined;
  const at = position - 1;
  const start = sql.lastIndexOf(';', at - 1) + 1;
  const endSemi = sql.indexOf(';', at);
  const text = sql
    .slice(start, endSemi < 0 ? sql.length : endSemi)
    .split('\n')
    .filter((l) => !/^\s*--/.test(l))
    .join('\n')
    .trim();
  return text ? text.slice(0, 500) : undefined;
}
