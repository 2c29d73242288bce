import type { auditContract } from '../../../shared/contracts/audit';
import { AppError } from '../../../shared/errors';
import type { AuditLineView } from '../../../shared/model/audit';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { auditCsv, filterAuditLines } from './audit-query';
import { verifyAuditLog } from './audit-verify';
import { createDatabaseSink } from './database-sink';

/** The audit area's calls: they read the app data folder only, no connection needed. */
export function createAuditHandlers(deps: CoreDeps): AreaHandlers<typeof auditContract> {
  deps.audit.addSink(createDatabaseSink(deps));
  return {
    'audit.list': async (filter) => {
      const { lines, total } = filterAuditLines(await deps.audit.readAll(), filter);
      return { lines: lines as AuditLineView[], total };
    },
    'audit.verify': async () => verifyAuditLog(deps.audit),
    'audit.export': async ({ format, ...filter }) => {
      const { lines } = filterAuditLines(await deps.audit.readAll(), filter);
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
