import { quoteIdent } from '../../db/identifiers';

export const LEDGER_TABLE = 'tenantry_migrations';

/** The ledger lives in each schema, so it travels with that schema's backup. */
export function createLedgerSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.${LEDGER_TABLE} (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  state text NOT NULL CHECK (state IN ('applied', 'baselined', 'failed')),
  applied_at timestamptz NOT NULL DEFAULT now(),
  duration_ms integer,
  applied_by text,
  tenantry_version text,
  error text
)`;
}
