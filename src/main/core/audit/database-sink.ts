import type { CoreDeps } from '../core-deps';
import { consoleDb, runOn } from '../domain/ledger/console-db';
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
      await runOn(
        client,
        consoleDb
          .withSchema('tenantry')
          .insertInto('audit_log')
          .values({
            hash: line.hash,
            prev: line.prev,
            at: line.at,
            who: line.who,
            action: line.action,
            profile: line.profile ?? null,
            environment: line.environment ?? null,
            database: line.database ?? null,
            target: line.target ?? null,
            params: line.params ? JSON.stringify(line.params) : null,
            result: line.result,
            error: line.error ?? null,
            duration_ms: line.durationMs ?? null,
          })
          .onConflict((oc) => oc.column('hash').doNothing()),
      );
    });
  };
}
