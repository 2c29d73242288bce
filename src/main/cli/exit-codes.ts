import type { ErrorCode } from '../../shared/errors';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_REFUSED = 3;

const USAGE: ErrorCode[] = [
  'VALIDATION_FAILED',
  'NO_CONNECTION',
  'UNKNOWN_METHOD',
  'PROFILE_EXISTS',
  'PROFILE_NOT_FOUND',
  'NO_PROJECT',
  'INVALID_IDENTIFIER',
  'REGISTRY_COLUMN_REQUIRED',
  'IMPORT_INVALID',
  'DUPLICATE_MIGRATION',
  'DOWN_FILE_MISSING',
  'MIGRATION_FILE_INVALID',
  'NO_TRANSACTION_MULTIPLE_STATEMENTS',
  'SQL_SYNTAX_ERROR',
  'PSQL_ONLY_SQL',
  'PARAM_INVALID',
  'RUNBOOK_INVALID',
  'RUNBOOK_NOT_FOUND',
  'CHECK_NOT_FOUND',
  'ACTION_NOT_FOUND',
  'RUN_NOT_FOUND',
  'BACKUP_NOT_FOUND',
  'TENANT_NOT_FOUND',
  'TENANT_EXISTS',
  'SCHEMA_EXISTS',
  'REFERENCE_NOT_FOUND',
  'BASELINE_REFUSED',
];
const REFUSED: ErrorCode[] = [
  'CONFIRMATION_REQUIRED',
  'READ_ONLY',
  'FORBIDDEN',
  'CHECKSUM_DRIFT',
  'LOCK_HELD',
  'TENANT_LOCKED',
  'BACKUP_REQUIRED',
  'DESTRUCTIVE_NOT_CONFIRMED',
  'INSUFFICIENT_PRIVILEGE',
  'GATE_BLOCKED',
  'AUDIT_WRITE_FAILED',
  'SSH_HOST_KEY_UNKNOWN',
  'SSH_HOST_KEY_CHANGED',
  'QUERY_NOT_READ_ONLY',
];

/** CLI.md's exit codes: 2 bad usage, 3 refused for safety, 1 anything else that stopped the command. */
export function exitCodeFor(code: string): number {
  if ((USAGE as string[]).includes(code)) return EXIT_USAGE;
  if ((REFUSED as string[]).includes(code)) return EXIT_REFUSED;
  return EXIT_FAILED;
}
