import type { AuditFilter } from '../../../shared/model/audit';
import type { AuditLine } from './audit-log';

/** Newest first, filtered; `limit` keeps the newest matches. */
export function filterAuditLines(lines: AuditLine[], filter: Partial<AuditFilter>): { lines: AuditLine[]; total: number } {
  const text = filter.text?.toLowerCase();
  const matches = lines.filter((l) => {
    if (filter.action && !l.action.startsWith(filter.action)) return false;
    if (filter.profile && l.profile !== filter.profile && l.profileId !== filter.profile) return false;
    if (filter.environment && l.environment !== filter.environment) return false;
    if (filter.result && l.result !== filter.result) return false;
    if (filter.since && l.at < filter.since) return false;
    if (filter.until && l.at > filter.until) return false;
    if (text) {
      const hay = [l.action, l.target, l.profile, l.database, l.who, l.error, l.params && JSON.stringify(l.params)].join(' ').toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  });
  const newestFirst = matches.reverse();
  return { lines: newestFirst.slice(0, filter.limit ?? newestFirst.length), total: newestFirst.length };
}

export const CSV_COLUMNS = ['at', 'who', 'action', 'result', 'profile', 'environment', 'database', 'target', 'params', 'error', 'durationMs', 'hash'] as const;

/**
 * RFC 4180 CSV. A cell that starts with = + - @ (or a tab/CR) is prefixed with ' so a
 * spreadsheet never runs database text as a formula.
 */
export function auditCsv(lines: AuditLine[]): string {
  const rows = lines.map((l) =>
    CSV_COLUMNS.map((c) => {
      const v = c === 'params' ? (l.params ? JSON.stringify(l.params) : '') : l[c];
      return csvCell(v === undefined || v === null ? '' : String(v));
    }).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
