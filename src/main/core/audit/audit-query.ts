import { toCsv } from '../domain/csv';
import type { AuditFilter } from '../../../shared/model/audit';
import type { AuditLine } from './audit-log';

/** Newest first, filtered; `limit` keeps the newest matches. */
export function filterAuditLines(
  lines: AuditLine[],
  filter: Partial<AuditFilter>,
): { lines: AuditLine[]; total: number } {
  const text = filter.text?.toLowerCase();
  const matches = lines.filter((l) => {
    if (filter.action && !l.action.startsWith(filter.action)) return false;
    if (filter.profile && l.profile !== filter.profile && l.profileId !== filter.profile) return false;
    if (filter.environment && l.environment !== filter.environment) return false;
    if (filter.result && l.result !== filter.result) return false;
    if (filter.since && l.at < filter.since) return false;
    if (filter.until && l.at > filter.until) return false;
    if (text) {
      const hay = [l.action, l.target, l.profile, l.database, l.who, l.error, l.params && JSON.stringify(l.params)]
        .join(' ')
        .toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  });
  const newestFirst = matches.reverse();
  return { lines: newestFirst.slice(0, filter.limit ?? newestFirst.length), total: newestFirst.length };
}

export const CSV_COLUMNS = [
  'at',
  'who',
  'action',
  'result',
  'profile',
  'environment',
  'database',
  'target',
  'params',
  'error',
  'durationMs',
  'hash',
] as const;

/** The audit log as CSV (the one CSV writer neutralises formula cells). */
export function auditCsv(lines: AuditLine[]): string {
  return toCsv(
    CSV_COLUMNS,
    lines.map((l) => CSV_COLUMNS.map((c) => (c === 'params' ? (l.params ? JSON.stringify(l.params) : '') : l[c]))),
  );
}
