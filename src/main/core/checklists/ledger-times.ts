import type { ClientBase } from 'pg';
import { readAllLedgers } from '../domain/ledger/ledger-read';

/** When each migration last finished anywhere on a server (tenants and public): what a soak gate reads. */
export async function latestAppliedAt(client: ClientBase): Promise<Map<string, Date>> {
  const latest = new Map<string, Date>();
  for (const [schema, ledgers] of await readAllLedgers(client)) {
    if (schema.startsWith('tenantry_tmp_')) continue;
    for (const row of ledgers.tenantry ?? []) {
      if (row.state === 'failed') continue;
      const at = new Date(row.appliedAt);
      const known = latest.get(row.name);
      if (!known || at > known) latest.set(row.name, at);
    }
  }
  return latest;
}
