import type { ErrorCode, ErrorData } from '../../../../shared/errors';
import type { CheckError, CheckReport, CheckResult, CheckStatus } from '../../../../shared/model/checks';
import type { StatusFilter } from '../../stores/checks';

export interface MatrixRow {
  tenant: string;
  cells: (CheckResult | undefined)[];
}

/** Tenants × checks, `public` (shared checks) first, in the report's order. */
export function reportMatrix(report: CheckReport): MatrixRow[] {
  const byTenant = new Map<string, Map<string, CheckResult>>();
  for (const r of report.results) {
    if (!byTenant.has(r.tenant)) byTenant.set(r.tenant, new Map());
    byTenant.get(r.tenant)!.set(r.check, r);
  }
  return [...byTenant].map(([tenant, cells]) => ({ tenant, cells: report.checks.map((c) => cells.get(c.id)) }));
}

function matches(cell: CheckResult | undefined, status: StatusFilter): boolean {
  if (!cell) return false;
  if (status === 'problems') return cell.status === 'fail' || cell.status === 'error';
  return cell.status === status;
}

/** Rows kept by the filters: a status (in any check, or in the chosen one) and a text in the tenant name. */
export function filterRows(rows: MatrixRow[], report: CheckReport, filter: { status: StatusFilter; text: string; check: string }): MatrixRow[] {
  const col = filter.check ? report.checks.findIndex((c) => c.id === filter.check) : -1;
  const text = filter.text.trim().toLowerCase();
  return rows.filter((row) => {
    if (text && !row.tenant.toLowerCase().includes(text)) return false;
    if (filter.status === 'all') return col < 0 || row.cells[col] !== undefined;
    return col >= 0 ? matches(row.cells[col], filter.status) : row.cells.some((c) => matches(c, filter.status));
  });
}

export const STATUS_LABEL: Record<CheckStatus, string> = { pass: 'pass', fail: 'fail', error: 'error', not_applicable: 'n/a' };

export function cellText(cell: CheckResult): string {
  return cell.status === 'fail' ? `fail ${cell.count}` : STATUS_LABEL[cell.status];
}

/** One line per check: tenants passing, failing, erroring, not applicable, and rows found. */
export function checkTotals(report: CheckReport, check: string) {
  const rs = report.results.filter((r) => r.check === check);
  const n = (s: CheckStatus) => rs.filter((r) => r.status === s).length;
  return { pass: n('pass'), fail: n('fail'), error: n('error'), not_applicable: n('not_applicable'), rows: rs.reduce((a, r) => a + r.count, 0) };
}

/** A cell value as text: objects as JSON, null shown as such; React renders it as text, never HTML. */
export function valueText(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A check's or job's error for ErrorBox; the codes come from the core's one list. */
export function asErrorData(e: Pick<CheckError, 'code' | 'message' | 'hint'>): ErrorData {
  return { code: e.code as ErrorCode, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
