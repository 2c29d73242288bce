import type { CoreDeps } from '../core-deps';
import type { AuditLine, AuditSink } from './audit-log';

/**
 * The database copy of the audit log, for profiles that opt in (`auditToDatabase`). The file is
 * the record that counts; this copy is best effort and never blocks an action.
 */
export const AUDIT_TABLE_SQL = `
CREATE SCHEMA IF NOT EXISTS tenantry;
CREATE TABLE IF NOT EXISTS tenantry.audit_log (
  hash text PRIMARY KEY,
  prev text NOT NULL,
  at timestamptz NOT NULL,
  who text NOT NULL,
  action text NOT NULL,
  profile text,
  environment text,
  database text,
  target text,
  params jsonb,
  result text NOT NULL,
  error text,
  duration_ms integer
)`;

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
        await client.query(AUDIT_TABLE_SQL);
        installed.add(profile.id);
      }
      await client.query(
        `INSERT INTO tenantry.audit_log (hash, prev, at, who, action, profile, environment, database, target, params, result, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (hash) DO NOTHING`,
        [line.hash, line.prev, line.at, line.who, line.action, line.profile ?? null, line.environment ?? null, line.database ?? null, line.target ?? null, line.params ? JSON.stringify(line.params) : null, line.result, line.error ?? null, line.durationMs ?? null],
      );
    });
  };
}
