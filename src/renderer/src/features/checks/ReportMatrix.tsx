import type { CheckReport } from '../../../../shared/model/checks';
import { useT } from '../../i18n';
import { useChecks } from '../../stores/checks';
import { cellText, checkTotals, type MatrixRow } from './report-view';

/** Tenants × checks; a click on a cell drills down to its violating rows. */
export function ReportMatrix({ report, rows }: { report: CheckReport; rows: MatrixRow[] }) {
  const { cell: selected, select } = useChecks();
  const { t: tr } = useT();
  return (
    <div className="ck-matrix-wrap">
      <table className="grid ck-matrix" aria-label={tr('ck.results')}>
        <thead>
          <tr>
            <th>{tr('ck.tenant')}</th>
            {report.checks.map((c) => (
              <th key={c.id} title={c.description}>
                <div className="mono">{c.id}</div>
                <span className={`badge ck-sev-${c.severity}`}>{c.severity}</span> {c.scope === 'shared' && <span className="badge">{tr('ck.shared')}</span>}
              </th>
            ))}
          </tr>
          <tr className="ck-totals">
            <th className="muted small">{tr('ck.shown', { count: rows.length })}</th>
            {report.checks.map((c) => {
              const t = checkTotals(report, c.id);
              return (
                <th key={c.id} className="small muted" data-testid={`totals-${c.id}`}>
                  {tr('ck.cellTotals', { pass: t.pass, fail: t.fail, error: t.error, na: t.not_applicable })}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.tenant} data-tenant={row.tenant}>
              <td className="mono">{row.tenant}</td>
              {row.cells.map((cell, i) =>
                cell ? (
                  <td key={report.checks[i].id} className="ck-cell-td">
                    <button
                      className={`ck-cell ck-${cell.status} ck-sev-${cell.severity}${selected?.tenant === row.tenant && selected.check === cell.check ? ' on' : ''}`}
                      data-testid={`cell-${row.tenant}-${cell.check}`}
                      data-status={cell.status}
                      title={cell.reason ?? cell.error?.message ?? ''}
                      onClick={() => select({ tenant: row.tenant, check: cell.check })}
                    >
                      {cellText(cell)}
                    </button>
                  </td>
                ) : (
                  <td key={report.checks[i].id} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
