import type { CheckReport } from '../../../../shared/model/checks';
import { ErrorBox } from '../../components/ErrorBox';
import { useChecks } from '../../stores/checks';
import { asErrorData, plural, STATUS_LABEL, valueText } from './report-view';

/** The violating rows of one tenant × check (the first ones, capped), its error or why it does not apply. */
export function CellDetail({ report, tenant, check }: { report: CheckReport; tenant: string; check: string }) {
  const { previewFix, job } = useChecks();
  const cell = report.results.find((r) => r.tenant === tenant && r.check === check);
  const def = report.checks.find((c) => c.id === check);
  if (!cell || !def) return null;
  return (
    <section className="ck-detail" aria-label="Violating rows">
      <h2>
        <span className="mono">{tenant}</span> · <span className="mono">{check}</span>
      </h2>
      <p className="muted small">{def.description}</p>
      <p>
        <span className={`badge ck-${cell.status}`}>{STATUS_LABEL[cell.status]}</span> {cell.status === 'fail' && <strong>{plural(cell.count, 'violating row')}</strong>}
        <span className="muted small"> · {cell.durationMs} ms</span>
      </p>
      {cell.reason && <p className="muted">Not applicable: {cell.reason}</p>}
      {cell.error && <ErrorBox error={asErrorData(cell.error)} title="The check could not run here" />}
      {cell.rows.length > 0 && (
        <div className="ck-rows">
          <table className="grid" aria-label="Violating rows table">
            <thead>
              <tr>
                {cell.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cell.rows.map((row, i) => (
                <tr key={i}>
                  {cell.columns.map((c) => (
                    <td key={c} className="mono">
                      {valueText(row[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {cell.count > cell.rows.length && <p className="muted small">Showing the first {cell.rows.length} of {cell.count}.</p>}
        </div>
      )}
      {def.fix && cell.status === 'fail' && (
        <div className="actions">
          <button onClick={() => void previewFix(check, def.scope === 'shared' ? undefined : [tenant])} disabled={Boolean(job)}>
            Preview fix here
          </button>
          <button onClick={() => void previewFix(check)} disabled={Boolean(job)}>
            Preview fix in every failing tenant
          </button>
        </div>
      )}
    </section>
  );
}
