import type { MigrationFile } from '../domain/ledger/migration-files';

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
