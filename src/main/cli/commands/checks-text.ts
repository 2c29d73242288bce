import type { CheckReport, FixApply, FixPreview } from '../../../shared/model/checks';
import { table } from '../output';

function firstRow(row: Record<string, unknown> | undefined): string {
  if (!row) return '';
  const s = Object.entries(row)
    .map(([k, v]) => `${k}=${v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Per check: how many tenants pass, fail, error or do not apply; then every finding. */
export function reportText(report: CheckReport): string {
  const perCheck = report.checks.map((c) => {
    const rs = report.results.filter((r) => r.check === c.id);
    const n = (s: string) => rs.filter((r) => r.status === s).length;
    return [
      c.id,
      c.severity,
      n('pass'),
      n('fail'),
      n('error'),
      n('not_applicable'),
      rs.reduce((a, r) => a + r.count, 0),
    ];
  });
  const findings = report.results
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .map((r) => [
      r.status === 'fail' ? (r.severity === 'error' ? 'FAIL' : r.severity.toUpperCase()) : 'ERROR',
      r.tenant,
      r.check,
      r.status === 'fail' ? r.count : '',
      r.error ? `${r.error.code}: ${r.error.message}` : firstRow(r.rows[0]),
    ]);
  const t = report.totals;
  return [
    table(['check', 'severity', 'pass', 'fail', 'error', 'n/a', 'rows'], perCheck),
    findings.length ? `\n${table(['', 'tenant', 'check', 'rows', 'first row / error'], findings)}` : '',
    `\n${report.passed ? 'PASSED' : 'FAILED'}: ${t.pass} pass, ${t.fail} fail, ${t.error} error, ${t.not_applicable} not applicable over ${report.tenants.length} tenants (${report.durationMs} ms). Run ${report.id}.`,
  ].join('\n');
}

export function previewText(preview: FixPreview): string {
  const rows = preview.tenants.map((t) => [
    t.tenant,
    t.error ? 'error' : t.count,
    t.error ? `${t.error.code}: ${t.error.message}` : firstRow(t.rows[0]),
  ]);
  return `Fix ${preview.fix} for ${preview.check}: ${preview.total} rows in ${preview.tenants.length} tenants\n${table(['tenant', 'rows', 'first row'], rows)}`;
}

export function applyText(applied: FixApply): string {
  const rows = applied.outcomes.map((o) => [
    o.tenant,
    o.status,
    o.changed,
    o.recheck?.status ?? '',
    o.error ? `${o.error.code}: ${o.error.message}` : '',
  ]);
  return `Fix ${applied.fix}: ${applied.allPassing ? 'every tenant fixed and passing' : 'not every tenant was fixed'}\n${table(['tenant', 'outcome', 'rows', 'recheck', 'error'], rows)}`;
}
