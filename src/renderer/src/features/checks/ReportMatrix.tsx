import type { CheckReport } from '../../../../shared/model/checks';
import { useT } from '../../i18n';
import { useChecks } from '../../stores/checks';
import { checkTotals, SEVERITY_KEY, STATUS_KEY, type MatrixRow } from './report-view';

/**
 * Tenants × checks; a click on a cell drills down to its violating rows. The tenant column
 * stays put while the checks scroll, and `columns` (from visibleColumns) puts failing checks first.
 */
export function ReportMatrix({ report, rows, columns }: { report: CheckReport; rows: MatrixRow[]; columns: number[] }) {
  const { cell: selected, select } = useChecks();
  const { t: tr } = useT();
  const checks = columns.map((i) => report.checks[i]);
  return (
    <div className="ck-matrix-wrap">
      <table className="grid ck-matrix" aria-label={tr('ck.results')}>
        <thead>
          <tr>
            <th className="ck-frozen">{tr('ck.tenant')}</th>
            {checks.map((c) => (
              <th key={c.id} title={c.description} data-testid={`column-${c.id}`}>
                <div className="mono">{c.id}</div>
                <span className={`badge ck-sev-${c.severity}`}>{tr(SEVERITY_KEY[c.severity])}</span>{' '}
                {c.scope === 'shared' && <span className="badge">{tr('ck.shared')}</span>}
              </th>
            ))}
          </tr>
          <tr className="ck-totals">
            <th className="ck-frozen muted small">{tr('ck.shown', { count: rows.length })}</th>
            {checks.map((c) => {
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
              <th scope="row" className="ck-frozen mono">
                {row.tenant}
              </th>
              {columns.map((i) => {
                const cell = row.cells[i];
                const id = report.checks[i].id;
                return cell ? (
                  <td key={id} className="ck-cell-td">
                    <button
                      className={`ck-cell ck-${cell.status} ck-sev-${cell.severity}${selected?.tenant === row.tenant && selected.check === cell.check ? ' on' : ''}`}
                      data-testid={`cell-${row.tenant}-${cell.check}`}
                      data-status={cell.status}
                      title={cell.reason ?? cell.error?.message ?? ''}
                      onClick={() => select({ tenant: row.tenant, check: cell.check })}
                    >
                      {tr(STATUS_KEY[cell.status], { count: cell.count })}
                    </button>
                  </td>
                ) : (
                  <td key={id} />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
