import type { auditContract } from '../../../shared/contracts/audit';
import { AppError } from '../../../shared/errors';
import type { AuditLineView } from '../../../shared/model/audit';
import type { AreaHandlers } from '../api';
import type { CoreDeps } from '../core-deps';
import { auditCsv, filterAuditLines } from './audit-query';
import { verifyAuditFiles } from './audit-verify';
import { createDatabaseSink } from './database-sink';

/** The audit area's calls: they read the app data folder only, no connection needed. */
export function createAuditHandlers(deps: CoreDeps): AreaHandlers<typeof auditContract> {
  deps.audit.addSink(createDatabaseSink(deps));
  return {
    'audit.list': async (filter) => {
      const { lines, total } = filterAuditLines(await deps.audit.readAll(), filter);
      return { lines: lines as AuditLineView[], total };
    },
    'audit.verify': async () => verifyAuditFiles(await deps.audit.files()),
    'audit.export': async ({ format, ...filter }) => {
      const { lines } = filterAuditLines(await deps.audit.readAll(), filter);
      const oldestFirst = lines.reverse();
      const content = format === 'csv' ? auditCsv(oldestFirst) : oldestFirst.map((l) => JSON.stringify(l)).join('\n') + (oldestFirst.length ? '\n' : '');
      return { format, content, count: oldestFirst.length };
    },
  };
}

/** For the CLI: a broken chain is an error naming the first bad line. */
export function tamperedError(result: { firstBad?: { file: string; line: number; reason: string } }): AppError {
  const bad = result.firstBad!;
  return new AppError('AUDIT_TAMPERED', `The audit log does not verify: ${bad.file} line ${bad.line}: ${bad.reason}.`, 'Restore the audit folder from a backup, and find out who edited it.');
}
