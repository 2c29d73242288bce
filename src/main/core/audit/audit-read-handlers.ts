import type { auditContract } from '../../../shared/contracts/audit';
import { AppError } from '../../../shared/errors';
import type { AuditLineView } from '../../../shared/model/audit';
import type { AreaHandlers } from '../api';
import type { AuditLog } from './audit-log';
import { auditCsv, filterAuditLines } from './audit-query';
import { verifyAuditLog } from './audit-verify';

/** The audit area's calls: they read the app data folder only, no connection needed (the CLI runs them without a core). */
export function createAuditReadHandlers(audit: AuditLog): AreaHandlers<typeof auditContract> {
  return {
    'audit.list': async (filter) => {
      const { lines, total } = filterAuditLines(await audit.readAll(), filter);
      return { lines: lines as AuditLineView[], total };
    },
    'audit.verify': async () => verifyAuditLog(audit),
    'audit.export': async ({ format, ...filter }) => {
      const { lines } = filterAuditLines(await audit.readAll(), filter);
      const oldestFirst = lines.reverse();
      const content =
        format === 'csv'
          ? auditCsv(oldestFirst)
          : oldestFirst.map((l) => JSON.stringify(l)).join('\n') + (oldestFirst.length ? '\n' : '');
      return { format, content, count: oldestFirst.length };
    },
  };
}

/** For the CLI: a broken chain is an error naming the first bad line. */
export function tamperedError(result: { firstBad?: { file: string; line: number; reason: string } }): AppError {
  const bad = result.firstBad!;
  const where = bad.line > 0 ? `${bad.file} line ${bad.line}` : bad.file;
  return new AppError(
    'AUDIT_TAMPERED',
    `The audit log does not verify: ${where}: ${bad.reason}.`,
    'Restore the audit folder from a backup, and find out who edited it.',
  );
}
