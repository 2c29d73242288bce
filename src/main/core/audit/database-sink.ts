import type { CoreDeps } from '../core-deps';
import { installConsoleSql } from '../domain/ledger/console-sql';
import type { AuditLine, AuditSink } from './audit-log';

/**
 * The database copy of the audit log, for profiles that opt in (`auditToDatabase`). The file is
 * the record that counts; this copy is best effort and never blocks an action. Its table comes
 * from the console's own SQL (`migrations/0002_audit_log.sql`), installed on first use.
 */
export const AUDIT_LOG_MIGRATION = '0002_audit_log';

export function createDatabaseSink(deps: Pick<CoreDeps, 'pools' | 'profiles'>): AuditSink {
  const installed = new Set<string>();
  return async (line: AuditLine) => {
    if (!line.profileId) return;
    let profile;
    try {
      profile = deps.profiles.get(line.profileId);
    } catch {
      return; // removed profile: nothing to write to
    }
    if (!profile.auditToDatabase || profile.readOnly) return;
    await deps.pools.withClient(profile, async (client) => {
      if (!installed.has(profile.id)) {
        await installConsoleSql(client, { only: [AUDIT_LOG_MIGRATION], appliedBy: line.who });
        installed.add(profile.id);
      }
      await client.query(
        `INSERT INTO tenantry.audit_log (hash, prev, at, who, action, profile, environment, database, target, params, result, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (hash) DO NOTHING`,
        [
          line.hash,
          line.prev,
          line.at,
          line.who,
          line.action,
          line.profile ?? null,
          line.environment ?? null,
          line.database ?? null,
          line.target ?? null,
          line.params ? JSON.stringify(line.params) : null,
          line.result,
          line.error ?? null,
          line.durationMs ?? null,
        ],
      );
    });
  };
}
