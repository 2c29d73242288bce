import { toCsv } from '../domain/csv';
import type { CheckComparison, CheckReport, CheckResult, ExportFormat } from '../../../shared/model/checks';

/** Rows shown per failing cell in Markdown and HTML; CSV lists the cells only. */
const ROWS_PER_CELL = 10;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function reportCsv(report: CheckReport): string {
  const head = ['run', 'tenant', 'check', 'severity', 'status', 'count', 'reason', 'error_code', 'error', 'first_row'];
  const lines = report.results.map((r) => [
    report.id,
    r.tenant,
    r.check,
    r.severity,
    r.status,
    r.count,
    r.reason ?? '',
    r.error?.code ?? '',
    r.error?.message ?? '',
    r.rows[0] ? JSON.stringify(r.rows[0]) : '',
  ]);
  return toCsv(head, lines);
}

function mdCell(value: unknown): string {
  return text(value)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

function mdTable(headers: string[], rows: unknown[][]): string[] {
  return [
    `| ${headers.map(mdCell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ];
}

function findings(report: CheckReport): CheckResult[] {
  return report.results.filter((r) => r.status === 'fail' || r.status === 'error');
}

function statusLabel(r: CheckResult): string {
  if (r.status === 'fail') return `fail (${r.count})`;
  if (r.status === 'not_applicable') return 'n/a';
  return r.status;
}

export function reportMarkdown(report: CheckReport, comparison?: CheckComparison): string {
  const t = report.totals;
  const out = [
    `# Verification report ${report.id}`,
    '',
    `- Profile: ${mdCell(report.profile)} (${report.environment}), database ${mdCell(report.database)}`,
    `- Started: ${report.startedAt}, took ${report.durationMs} ms`,
    `- Result: **${report.passed ? 'PASSED' : 'FAILED'}** — ${t.pass} pass, ${t.fail} fail, ${t.error} error, ${t.not_applicable} not applicable; ${t.rows} violating rows`,
    '',
    '## Checks',
    '',
    ...mdTable(
      ['check', 'severity', 'scope', 'description'],
      report.checks.map((c) => [c.id, c.severity, c.scope, c.description]),
    ),
    '',
    '## Results',
    '',
    ...mdTable(
      ['tenant', ...report.checks.map((c) => c.id)],
      matrix(report).map(([tenant, cells]) => [tenant, ...cells.map((r) => (r ? statusLabel(r) : ''))]),
    ),
  ];
  for (const m of metricTables(report))
    out.push('', `## ${mdCell(m.check)}: numbers`, '', ...mdTable(m.headers, m.rows));
  if (report.skipped.length)
    out.push('', '## Skipped', '', ...report.skipped.map((s) => `- ${mdCell(s.tenant)}: ${mdCell(s.reason)}`));
  if (comparison?.previousId) {
    out.push(
      '',
      `## Compared with ${comparison.previousId}`,
      '',
      `${comparison.better.length} better, ${comparison.worse.length} worse, ${comparison.unchanged} unchanged.`,
    );
    for (const c of [
      ...comparison.worse.map((x) => ['worse', x] as const),
      ...comparison.better.map((x) => ['better', x] as const),
    ]) {
      out.push(
        `- ${c[0]}: ${mdCell(c[1].tenant)} / ${mdCell(c[1].check)}: ${c[1].before ?? '—'} (${c[1].countBefore ?? 0}) → ${c[1].after ?? '—'} (${c[1].countAfter ?? 0})`,
      );
    }
  }
  for (const r of findings(report)) {
    out.push('', `## ${mdCell(r.tenant)} — ${mdCell(r.check)}: ${statusLabel(r)}`, '');
    if (r.error) out.push(`${mdCell(r.error.code)}: ${mdCell(r.error.message)}`);
    else
      out.push(
        ...mdTable(
          r.columns,
          r.rows.slice(0, ROWS_PER_CELL).map((row) => r.columns.map((c) => row[c])),
        ),
      );
    if (r.count > Math.min(r.rows.length, ROWS_PER_CELL))
      out.push('', `… ${r.count - Math.min(r.rows.length, ROWS_PER_CELL)} more`);
  }
  return out.join('\n') + '\n';
}

/** Per check with metrics: its title, the column labels, one row per tenant and the fleet total last. */
export function metricTables(report: CheckReport): { check: string; headers: string[]; rows: string[][] }[] {
  return report.checks
    .filter((c) => c.metrics?.length)
    .map((c) => {
      const ms = c.metrics!;
      const rows = report.results
        .filter((r) => r.check === c.id && r.metrics)
        .map((r) => [r.tenant, ...ms.map((m) => r.metrics![m.name] ?? '')]);
      const totals = report.metricTotals?.[c.id] ?? {};
      return {
        check: c.id,
        headers: ['tenant', ...ms.map((m) => m.labels.en)],
        rows: [...rows, [`fleet (${rows.length} tenants)`, ...ms.map((m) => totals[m.name] ?? '')]],
      };
    });
}

/** Tenants (rows) × checks (columns), in the report's order. */
export function matrix(report: CheckReport): [string, (CheckResult | undefined)[]][] {
  const byTenant = new Map<string, Map<string, CheckResult>>();
  for (const r of report.results) {
    if (!byTenant.has(r.tenant)) byTenant.set(r.tenant, new Map());
    byTenant.get(r.tenant)!.set(r.check, r);
  }
  return [...byTenant].map(([tenant, cells]) => [tenant, report.checks.map((c) => cells.get(c.id))]);
}

/** Every piece of database or file text passes through here before it reaches the HTML. */
export function escapeHtml(value: unknown): string {
  return text(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const CSS = `body{font:14px system-ui,sans-serif;margin:24px;color:#1d2430}table{border-collapse:collapse;margin:8px 0 20px}
td,th{border:1px solid #d0d5dd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f2f4f7}
.pass{background:#e7f6ec}.fail{background:#fdecea}.error{background:#fff4e0}.not_applicable{color:#667085}.mono{font-family:ui-monospace,monospace}`;

export function reportHtml(report: CheckReport, comparison?: CheckComparison): string {
  const t = report.totals;
  const e = escapeHtml;
  const head = `<tr><th>tenant</th>${report.checks.map((c) => `<th title="${e(c.description)}">${e(c.id)}<br><small>${e(c.severity)}</small></th>`).join('')}</tr>`;
  const body = matrix(report)
    .map(
      ([tenant, cells]) =>
        `<tr><td class="mono">${e(tenant)}</td>${cells.map((r) => (r ? `<td class="${e(r.status)}">${e(statusLabel(r))}</td>` : '<td></td>')).join('')}</tr>`,
    )
    .join('\n');
  const details = findings(report)
    .map((r) => {
      const inner = r.error
        ? `<p>${e(r.error.code)}: ${e(r.error.message)}</p>`
        : `<table><tr>${r.columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr>${r.rows
            .slice(0, ROWS_PER_CELL)
            .map((row) => `<tr>${r.columns.map((c) => `<td>${e(row[c])}</td>`).join('')}</tr>`)
            .join('')}</table>`;
      return `<h3>${e(r.tenant)} — ${e(r.check)}: ${e(statusLabel(r))}</h3>${inner}`;
    })
    .join('\n');
  const compared = comparison?.previousId
    ? `<h2>Compared with ${e(comparison.previousId)}</h2><p>${comparison.better.length} better, ${comparison.worse.length} worse, ${comparison.unchanged} unchanged.</p><ul>${[
        ...comparison.worse.map(
          (c) =>
            `<li>worse: ${e(c.tenant)} / ${e(c.check)}: ${e(c.before ?? '—')} → ${e(c.after ?? '—')} (${e(c.countAfter ?? 0)})</li>`,
        ),
        ...comparison.better.map(
          (c) =>
            `<li>better: ${e(c.tenant)} / ${e(c.check)}: ${e(c.before ?? '—')} → ${e(c.after ?? '—')} (${e(c.countAfter ?? 0)})</li>`,
        ),
      ].join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Verification report ${e(report.id)}</title><style>${CSS}</style></head><body>
<h1>Verification report ${e(report.id)}</h1>
<p>Profile ${e(report.profile)} (${e(report.environment)}), database ${e(report.database)}; started ${e(report.startedAt)}, took ${e(report.durationMs)} ms.</p>
<p><strong>${report.passed ? 'PASSED' : 'FAILED'}</strong> — ${t.pass} pass, ${t.fail} fail, ${t.error} error, ${t.not_applicable} not applicable; ${t.rows} violating rows.</p>
<table>${head}
${body}</table>
${metricTables(report)
  .map(
    (m) =>
      `<h2>${e(m.check)}: numbers</h2><table><tr>${m.headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr>${m.rows.map((r) => `<tr>${r.map((v) => `<td>${e(v)}</td>`).join('')}</tr>`).join('')}</table>`,
  )
  .join('\n')}
${report.skipped.length ? `<h2>Skipped</h2><ul>${report.skipped.map((s) => `<li>${e(s.tenant)}: ${e(s.reason)}</li>`).join('')}</ul>` : ''}
${compared}
${details ? `<h2>Findings</h2>${details}` : ''}
</body></html>
`;
}

export function exportReport(
  report: CheckReport,
  format: ExportFormat,
  comparison?: CheckComparison,
): { fileName: string; mime: string; content: string } {
  if (format === 'csv') return { fileName: `verify-${report.id}.csv`, mime: 'text/csv', content: reportCsv(report) };
  if (format === 'md')
    return { fileName: `verify-${report.id}.md`, mime: 'text/markdown', content: reportMarkdown(report, comparison) };
  return { fileName: `verify-${report.id}.html`, mime: 'text/html', content: reportHtml(report, comparison) };
}
