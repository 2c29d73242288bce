import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type ColumnType,
  type Compilable,
} from 'kysely';
import type { ClientBase, QueryResult } from 'pg';

/** `tenantry_migrations`, the ledger in each schema (CLI.md "Migrations in detail"). */
export interface LedgerTable {
  name: string;
  checksum: string;
  state: 'applied' | 'baselined' | 'failed';
  applied_at: ColumnType<Date, never, never>;
  duration_ms: number | null;
  applied_by: string | null;
  tenantry_version: string | null;
  error: string | null;
}

/** `tenantry.audit_log`, the database copy of the audit log (migrations/0002_audit_log.sql). */
export interface AuditLogTable {
  hash: string;
  prev: string;
  at: string;
  who: string;
  action: string;
  profile: string | null;
  environment: string | null;
  database: string | null;
  target: string | null;
  params: string | null;
  result: string;
  error: string | null;
  duration_ms: number | null;
}

interface ConsoleTables {
  tenantry_migrations: LedgerTable;
  audit_log: AuditLogTable;
}

/**
 * kysely builds the statements on the tables whose shape we own, typed by these interfaces; our own
 * pg clients run them, inside the transactions and sessions they already hold (hence no driver).
 */
export const consoleDb = new Kysely<ConsoleTables>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a built statement on a client we hold. */
export function runOn<R extends object = Record<string, unknown>>(
  client: ClientBase,
  query: Compilable,
): Promise<QueryResult<R>> {
  const { sql, parameters } = query.compile();
  return client.query<R>(sql, parameters as unknown[]);
}
