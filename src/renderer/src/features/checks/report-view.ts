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
export function filterRows(
  rows: MatrixRow[],
  report: CheckReport,
  filter: { status: StatusFilter; text: string; check: string },
): MatrixRow[] {
  const col = filter.check ? report.checks.findIndex((c) => c.id === filter.check) : -1;
  const text = filter.text.trim().toLowerCase();
  return rows.filter((row) => {
    if (text && !row.tenant.toLowerCase().includes(text)) return false;
    if (filter.status === 'all') return col < 0 || row.cells[col] !== undefined;
    return col >= 0 ? matches(row.cells[col], filter.status) : row.cells.some((c) => matches(c, filter.status));
  });
}

/** The message key of a status as a cell reads it ("fail 3" takes the count). */
export const STATUS_KEY = {
  pass: 'ck.cell.pass',
  fail: 'ck.cell.fail',
  error: 'ck.cell.error',
  not_applicable: 'ck.cell.not_applicable',
} as const satisfies Record<CheckStatus, string>;
export const SEVERITY_KEY = { error: 'ck.sev.error', warning: 'ck.sev.warning', info: 'ck.sev.info' } as const;

function isProblem(cell: CheckResult | undefined): boolean {
  return cell?.status === 'fail' || cell?.status === 'error';
}

/**
 * The checks shown as columns, as indexes into `report.checks`: the chosen check alone; under a
 * status filter only the checks with such a cell among the shown rows; and the checks with
 * problems always first (errors before warnings), so the failing column is in view without scrolling.
 */
export function visibleColumns(
  report: CheckReport,
  rows: MatrixRow[],
  filter: { status: StatusFilter; check: string },
): number[] {
  const all = report.checks.map((_, i) => i);
  const chosen = filter.check ? all.filter((i) => report.checks[i].id === filter.check) : all;
  const kept =
    filter.status === 'all' ? chosen : chosen.filter((i) => rows.some((r) => matches(r.cells[i], filter.status)));
  const rank = (i: number) =>
    !rows.some((r) => isProblem(r.cells[i])) ? 2 : report.checks[i].severity === 'error' ? 0 : 1;
  return [0, 1, 2].flatMap((k) => kept.filter((i) => rank(i) === k));
}

/** A metric value for display: exact for integer text (int8 as BigInt), else as a decimal number. */
export function metricNumber(value: string | null | undefined): number | bigint | null {
  if (value === null || value === undefined || value === '') return null;
  return /^-?\d+$/.test(value) ? BigInt(value) : Number(value);
}

/** One line per check: tenants passing, failing, erroring, not applicable, and rows found. */
export function checkTotals(report: CheckReport, check: string) {
  const rs = report.results.filter((r) => r.check === check);
  const n = (s: CheckStatus) => rs.filter((r) => r.status === s).length;
  return {
    pass: n('pass'),
    fail: n('fail'),
    error: n('error'),
    not_applicable: n('not_applicable'),
    rows: rs.reduce((a, r) => a + r.count, 0),
  };
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
