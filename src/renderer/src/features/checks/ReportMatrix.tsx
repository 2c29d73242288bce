import type { CheckReport } from '../../../../shared/model/checks';
import { useChecks } from '../../stores/checks';
import { cellText, checkTotals, type MatrixRow } from './report-view';

/** Tenants × checks; a click on a cell drills down to its violating rows. */
export function ReportMatrix({ report, rows }: { report: CheckReport; rows: MatrixRow[] }) {
  const { cell: selected, select } = useChecks();
  return (
    <div className="ck-matrix-wrap">
      <table className="grid ck-matrix" aria-label="Verification results">
        <thead>
          <tr>
            <th>tenant</th>
            {report.checks.map((c) => (
              <th key={c.id} title={c.description}>
                <div className="mono">{c.id}</div>
                <span className={`badge ck-sev-${c.severity}`}>{c.severity}</span> {c.scope === 'shared' && <span className="badge">shared</span>}
              </th>
            ))}
          </tr>
          <tr className="ck-totals">
            <th className="muted small">{rows.length} shown</th>
            {report.checks.map((c) => {
              const t = checkTotals(report, c.id);
              return (
                <th key={c.id} className="small muted" data-testid={`totals-${c.id}`}>
                  {t.pass} pass · {t.fail} fail · {t.error} error · {t.not_applicable} n/a
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
