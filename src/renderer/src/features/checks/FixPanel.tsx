import { useState } from 'react';
import type { CheckReport } from '../../../../shared/model/checks';
import { ErrorBox } from '../../components/ErrorBox';
import { useChecks } from '../../stores/checks';
import { asErrorData, plural, valueText } from './report-view';

const SHOW_ROWS = 5;

/** Preview (rolled back) → apply per tenant → the check re-run; production asks for the database name. */
export function FixPanel({ report }: { report: CheckReport }) {
  const { preview, applied, job, applyFix, closeFix } = useChecks();
  const [typed, setTyped] = useState('');
  if (!preview && !applied) return null;
  const production = report.environment === 'production';
  const ready = preview?.tenants.filter((t) => !t.error && t.count > 0) ?? [];

  return (
    <section className="ck-fix" aria-label="Fix">
      <header className="screen-head">
        <h2>
          Fix <span className="mono">{preview?.fix ?? applied?.fix}</span>
        </h2>
        <button onClick={closeFix}>Close</button>
      </header>
      {preview && !applied && (
        <>
          <p data-testid="fix-preview-total">
            The fix would create or change <strong>{plural(preview.total, 'row')}</strong> in {plural(ready.length, 'tenant')}.
          </p>
          <p className="muted small">The preview ran the fix in a transaction that was rolled back, under a 5 s lock timeout; sequences may have advanced and locks were held briefly. Applying refuses a tenant where the fix would touch more rows than shown here.</p>
          {preview.tenants.map((t) => (
            <div key={t.tenant} className="ck-fix-tenant" data-testid={`preview-${t.tenant}`}>
              <div>
                <span className="mono">{t.tenant}</span> · {t.error ? <span className="ck-error-text">{t.error.code}</span> : plural(t.count, 'row')}
              </div>
              {t.error && <p className="small">{t.error.message}</p>}
              {t.rows.length > 0 && (
                <table className="grid small">
                  <thead>
                    <tr>
                      {t.columns.map((c) => (
                        <th key={c}>{c}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {t.rows.slice(0, SHOW_ROWS).map((row, i) => (
                      <tr key={i}>
                        {t.columns.map((c) => (
                          <td key={c} className="mono">
                            {valueText(row[c])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          ))}
          {production && (
            <label className="field">
              <span>Type the database name ({report.database}) to change production</span>
              <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Confirm database name" />
            </label>
          )}
          <div className="actions">
            <button className="primary" disabled={Boolean(job) || !ready.length || (production && typed !== report.database)} onClick={() => void applyFix(production ? typed : undefined)}>
              Apply fix to {plural(ready.length, 'tenant')}
            </button>
          </div>
        </>
      )}
      {applied && (
        <>
          <p data-testid="fix-applied" className={applied.allPassing ? 'ck-ok-text' : 'ck-error-text'}>
            {applied.allPassing ? 'Fixed: the check now passes in every fixed tenant.' : 'Not every tenant was fixed.'}
          </p>
          <table className="grid small">
            <thead>
              <tr>
                <th>tenant</th>
                <th>outcome</th>
                <th>rows</th>
                <th>check again</th>
              </tr>
            </thead>
            <tbody>
              {applied.outcomes.map((o) => (
                <tr key={o.tenant}>
                  <td className="mono">{o.tenant}</td>
                  <td>{o.status}</td>
                  <td>{o.changed}</td>
                  <td>{o.recheck?.status ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {applied.outcomes
            .filter((o) => o.error)
            .map((o) => (
              <ErrorBox key={o.tenant} error={asErrorData(o.error!)} title={`Not fixed in ${o.tenant}`} />
            ))}
        </>
      )}
    </section>
  );
}
