import { useT } from '../../i18n';
import { useChecks } from '../../stores/checks';

/** Saved runs of this profile, newest first, and what changed since the previous one. */
export function RunHistory() {
  const { runs, report, comparison, open } = useChecks();
  const { t } = useT();
  return (
    <section className="ck-history" aria-label={t('ck.history')}>
      <h2>{t('ck.history')}</h2>
      {comparison?.previousId && (
        <div className="ck-compare" data-testid="comparison">
          <p>
            {t('ck.since', { id: comparison.previousId })}{' '}
            <span className="ck-ok-text">{t('ck.better', { count: comparison.better.length })}</span>,{' '}
            <span className="ck-error-text">{t('ck.worse', { count: comparison.worse.length })}</span>,{' '}
            {t('ck.unchanged', { count: comparison.unchanged })}
          </p>
          <ul className="small">
            {comparison.worse.slice(0, 10).map((c) => (
              <li key={`w-${c.tenant}-${c.check}`} className="ck-error-text">
                {t('ck.worseLine')} <span className="mono">{c.tenant}</span> / {c.check}: {c.before ?? '—'} → {c.after}
              </li>
            ))}
            {comparison.better.slice(0, 10).map((c) => (
              <li key={`b-${c.tenant}-${c.check}`} className="ck-ok-text">
                {t('ck.betterLine')} <span className="mono">{c.tenant}</span> / {c.check}: {c.before} → {c.after}
              </li>
            ))}
          </ul>
        </div>
      )}
      {runs.length === 0 && <p className="muted">{t('ck.noRuns')}</p>}
      <ul className="ck-runs">
        {runs.map((r) => (
          <li key={r.id}>
            <button className={report?.id === r.id ? 'ck-run on' : 'ck-run'} onClick={() => void open(r.id)}>
              <span className={r.passed ? 'ck-ok-text' : 'ck-error-text'}>
                {r.passed ? t('ck.runPassed') : t('ck.runFailed')}
              </span>
              <span className="mono small">{r.id}</span>
              <span className="muted small">
                {t('ck.runSummary', {
                  checks: r.checks.length,
                  tenants: r.tenantCount,
                  fail: r.totals.fail,
                  error: r.totals.error,
                })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
