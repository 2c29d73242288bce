import { useChecks } from '../../stores/checks';

/** Saved runs of this profile, newest first, and what changed since the previous one. */
export function RunHistory() {
  const { runs, report, comparison, open } = useChecks();
  return (
    <section className="ck-history" aria-label="History">
      <h2>History</h2>
      {comparison?.previousId && (
        <div className="ck-compare" data-testid="comparison">
          <p>
            Since <span className="mono">{comparison.previousId}</span>: <span className="ck-ok-text">{comparison.better.length} better</span>,{' '}
            <span className="ck-error-text">{comparison.worse.length} worse</span>, {comparison.unchanged} unchanged.
          </p>
          <ul className="small">
            {comparison.worse.slice(0, 10).map((c) => (
              <li key={`w-${c.tenant}-${c.check}`} className="ck-error-text">
                worse: <span className="mono">{c.tenant}</span> / {c.check}: {c.before ?? '—'} → {c.after}
              </li>
            ))}
            {comparison.better.slice(0, 10).map((c) => (
              <li key={`b-${c.tenant}-${c.check}`} className="ck-ok-text">
                better: <span className="mono">{c.tenant}</span> / {c.check}: {c.before} → {c.after}
              </li>
            ))}
          </ul>
        </div>
      )}
      {runs.length === 0 && <p className="muted">No runs yet.</p>}
      <ul className="ck-runs">
        {runs.map((r) => (
          <li key={r.id}>
            <button className={report?.id === r.id ? 'ck-run on' : 'ck-run'} onClick={() => void open(r.id)}>
              <span className={r.passed ? 'ck-ok-text' : 'ck-error-text'}>{r.passed ? 'passed' : 'failed'}</span>
              <span className="mono small">{r.id}</span>
              <span className="muted small">
                {r.checks.length} checks · {r.tenantCount} tenants · {r.totals.fail} fail · {r.totals.error} error
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
