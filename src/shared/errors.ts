/** Every error the console can report, one list. Tests assert these codes. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'INTERNAL',
  'AUTH_FAILED',
  'CONNECTION_FAILED',
  'CONNECTION_LOST',
  'TLS_FAILED',
  'DATABASE_NOT_FOUND',
  'PROFILE_EXISTS',
  'PROFILE_NOT_FOUND',
  'PROFILES_FILE_CORRUPT',
  'NO_CONNECTION',
  'NO_PROJECT',
  'JOB_NOT_FOUND',
  'CANCELLED',
  'READ_ONLY',
  'CONFIRMATION_REQUIRED',
  'SQL_ERROR',
  'INVALID_IDENTIFIER',
  'REGISTRY_NOT_FOUND',
  'REGISTRY_COLUMN_REQUIRED',
  'SANDBOX_FAILED',
  'IMPORT_INVALID',
  // tenants
  'TENANT_NOT_FOUND',
  'TENANT_EXISTS',
  'SCHEMA_EXISTS',
  'QUERY_NOT_READ_ONLY',
  'QUERY_TIMEOUT',
  // migrations
  'MIGRATION_FAILED',
  'CHECKSUM_DRIFT',
  'DUPLICATE_MIGRATION',
  'DOWN_FILE_MISSING',
  'MIGRATION_FILE_INVALID',
  'NO_TRANSACTION_MULTIPLE_STATEMENTS',
  'SQL_SYNTAX_ERROR',
  'PSQL_ONLY_SQL',
  'LOCK_HELD',
  'LOCK_TIMEOUT',
  'TENANT_LOCKED',
  'SCHEMA_REFERENCED',
  'MIGRATION_NEEDS_REPAIR',
  'DESTRUCTIVE_NOT_CONFIRMED',
  'BACKUP_REQUIRED',
  // backups and restore
  'PG_DUMP_NOT_FOUND',
  'PG_DUMP_TOO_OLD',
  'BACKUP_NOT_FOUND',
  'BACKUP_CORRUPT',
  'BACKUP_FAILED',
  'RESTORE_FAILED',
  'RESTORE_VERIFY_FAILED',
  'DISK_FULL',
  'KEY_NOT_FOUND',
  'WRONG_PASSPHRASE',
  'PITR_NOT_CONFIGURED',
  'PITR_TARGET_INVALID',
  'PITR_TARGET_TOO_OLD',
  'PITR_WAL_NOT_ARCHIVED',
  'PITR_WAL_GAP',
  'PITR_VERSION_MISMATCH',
  'PITR_RECOVERY_FAILED',
  'PGBACKREST_FAILED',
  // checks, checklists, actions
  'CHECK_NOT_FOUND',
  'CHECK_FAILED',
  'FIX_ROWS_MISMATCH',
  'RUNBOOK_INVALID',
  'RUNBOOK_NOT_FOUND',
  'RUN_NOT_FOUND',
  'GATE_BLOCKED',
  'STEP_FAILED',
  'ACTION_NOT_FOUND',
  'PARAM_INVALID',
  // monitor, audit, security, fleet
  'AUDIT_WRITE_FAILED',
  'AUDIT_TAMPERED',
  'SSH_FAILED',
  'SSH_HOST_KEY_UNKNOWN',
  'SSH_HOST_KEY_CHANGED',
  'INSUFFICIENT_PRIVILEGE',
  'BASELINE_REFUSED',
  'REFERENCE_NOT_FOUND',
  'NOT_SUPPORTED',
  // input limits and secrets
  'REQUEST_TOO_LARGE',
  'RUNBOOK_TOO_LARGE',
  'RUNBOOK_PATH_NOT_ALLOWED',
  'PARALLEL_TOO_HIGH',
  'SESSION_NOT_IN_DATABASE',
  'BACKUP_KEY_NOT_DURABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** PostgreSQL's SQLSTATE, kept when the cause was a database error. */
  sqlstate?: string;
  /** The tenant schema the error happened in, when there was one. */
  tenant?: string;
  field?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly sqlstate?: string;
  readonly tenant?: string;
  readonly field?: string;

  constructor(
    code: ErrorCode,
    message: string,
    hint?: string,
    extra: Partial<Pick<ErrorData, 'sqlstate' | 'tenant' | 'field'>> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
    this.sqlstate = extra.sqlstate;
    this.tenant = extra.tenant;
    this.field = extra.field;
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message };
    if (this.hint) data.hint = this.hint;
    if (this.sqlstate) data.sqlstate = this.sqlstate;
    if (this.tenant) data.tenant = this.tenant;
    if (this.field) data.field = this.field;
    return data;
  }
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorData };

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
