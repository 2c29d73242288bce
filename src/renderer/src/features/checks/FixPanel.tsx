import { useState } from 'react';
import type { CheckReport } from '../../../../shared/model/checks';
import type { ErrorData } from '../../../../shared/errors';
import { ErrorBox } from '../../components/ErrorBox';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { useT } from '../../i18n';
import { useChecks } from '../../stores/checks';
import { asErrorData } from './report-view';
import { RowsTable } from './RowsTable';

const SHOW_ROWS = 5;

/** Preview (rolled back) → apply per tenant → the check re-run; production asks for the database name. */
export function FixPanel({ report }: { report: CheckReport }) {
  const { preview, applied, job, applyFix, closeFix } = useChecks();
  const [reviewing, setReviewing] = useState(false);
  const [refused, setRefused] = useState<ErrorData>();
  const { t: tr } = useT();
  if (!preview && !applied) return null;
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
            {tr('ck.wouldChange', {
              rows: tr('ck.rows', { count: preview.total }),
              tenants: tr('ck.tenants', { count: ready.length }),
            })}
          </p>
          <p className="muted small">{tr('ck.previewNote')}</p>
          {preview.tenants.map((t) => (
            <div key={t.tenant} className="ck-fix-tenant" data-testid={`preview-${t.tenant}`}>
              <div>
                <span className="mono">{t.tenant}</span> ·{' '}
                {t.error ? <span className="ck-error-text">{t.error.code}</span> : tr('ck.rows', { count: t.count })}
              </div>
              {t.error && <p className="small">{t.error.message}</p>}
              {t.rows.length > 0 && (
                <RowsTable columns={t.columns} rows={t.rows.slice(0, SHOW_ROWS)} className="grid small" />
              )}
            </div>
          ))}
          <div className="actions">
            <button
              className="primary"
              aria-haspopup="dialog"
              disabled={Boolean(job) || !ready.length}
              onClick={() => setReviewing(true)}
            >
              {tr('ck.apply', { tenants: tr('ck.tenants', { count: ready.length }) })}
            </button>
          </div>
          {reviewing && preview && (
            <ReviewDialog
              title={tr('review.fix.title', { fix: preview.fix })}
              profileId={report.profileId}
              steps={[
                {
                  key: 'fix',
                  label: tr('review.fix.step', { check: preview.check }),
                  detail: ready
                    .map((x) => tr('review.fix.rows', { tenant: x.tenant, rows: tr('ck.rows', { count: x.count }) }))
                    .join(' · '),
                },
              ]}
              tenants={ready.map((x) => x.tenant)}
              backup={tr('review.fix.noBackup')}
              actionLabel={tr('review.fix.run')}
              error={refused}
              onClose={() => {
                setReviewing(false);
                setRefused(undefined);
              }}
              onConfirm={(db) =>
                void applyFix(db).then((e) => {
                  setRefused(e);
                  if (!e) setReviewing(false);
                })
              }
            />
          )}
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
                  <td>{tr(`ck.fixOutcome.${o.status}`)}</td>
                  <td>{o.changed}</td>
                  <td>{o.recheck ? tr(`ck.filter.${o.recheck.status}`) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {applied.outcomes
            .filter((o) => o.error)
            .map((o) => (
              <ErrorBox
                key={o.tenant}
                error={asErrorData(o.error!)}
                title={tr('ck.notFixedIn', { tenant: o.tenant })}
              />
            ))}
        </>
      )}
    </section>
  );
}
