import { createHash } from 'node:crypto';

/** sha256 hex of a migration file with CRLF turned into LF (CLI.md "Migrations in detail"). */
export function migrationChecksum(content: string): string {
  return createHash('sha256').update(content.replace(/\r\n/g, '\n')).digest('hex');
}
