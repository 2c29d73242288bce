import { useState } from 'react';
import type { CheckReport } from '../../../../shared/model/checks';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';
import { useChecks } from '../../stores/checks';
import { asErrorData } from './report-view';
import { RowsTable } from './RowsTable';

const SHOW_ROWS = 5;

/** Preview (rolled back) → apply per tenant → the check re-run; production asks for the database name. */
export function FixPanel({ report }: { report: CheckReport }) {
  const { preview, applied, job, applyFix, closeFix } = useChecks();
  const [typed, setTyped] = useState('');
  const { t: tr } = useT();
  if (!preview && !applied) return null;
  const production = report.environment === 'production';
  const ready = preview?.tenants.filter((t) => !t.error && t.count > 0) ?? [];

  return (
    <section className="ck-fix" aria-label={tr('ck.fix')}>
      <header className="screen-head">
        <h2>
          {tr('ck.fix')} <span className="mono">{preview?.fix ?? applied?.fix}</span>
        </h2>
        <button onClick={closeFix}>{tr('common.close')}</button>
      </header>
      {preview && !applied && (
        <>
          <p data-testid="fix-preview-total">
            {tr('ck.wouldChange', { rows: tr('ck.rows', { count: preview.total }), tenants: tr('ck.tenants', { count: ready.length }) })}
          </p>
          <p className="muted small">{tr('ck.previewNote')}</p>
          {preview.tenants.map((t) => (
            <div key={t.tenant} className="ck-fix-tenant" data-testid={`preview-${t.tenant}`}>
              <div>
                <span className="mono">{t.tenant}</span> · {t.error ? <span className="ck-error-text">{t.error.code}</span> : tr('ck.rows', { count: t.count })}
              </div>
              {t.error && <p className="small">{t.error.message}</p>}
              {t.rows.length > 0 && (
                <RowsTable columns={t.columns} rows={t.rows.slice(0, SHOW_ROWS)} className="grid small" />
              )}
            </div>
          ))}
          {production && (
            <label className="field">
              <span>{tr('ck.typeDatabase', { database: report.database })}</span>
              <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={tr('ck.confirmDatabase')} />
            </label>
          )}
          <div className="actions">
            <button className="primary" disabled={Boolean(job) || !ready.length || (production && typed !== report.database)} onClick={() => void applyFix(production ? typed : undefined)}>
              {tr('ck.apply', { tenants: tr('ck.tenants', { count: ready.length }) })}
            </button>
          </div>
        </>
      )}
      {applied && (
        <>
          <p data-testid="fix-applied" className={applied.allPassing ? 'ck-ok-text' : 'ck-error-text'}>
            {applied.allPassing ? tr('ck.fixed') : tr('ck.notAllFixed')}
          </p>
          <table className="grid small">
            <thead>
              <tr>
                <th>{tr('ck.tenant')}</th>
                <th>{tr('ck.col.outcome')}</th>
                <th>{tr('ck.col.rows')}</th>
                <th>{tr('ck.col.recheck')}</th>
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
              <ErrorBox key={o.tenant} error={asErrorData(o.error!)} title={tr('ck.notFixedIn', { tenant: o.tenant })} />
            ))}
        </>
      )}
    </section>
  );
}
