import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { api } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import { ProgressBar } from '../../components/ProgressBar';
import { isRunning, useJobs } from '../../stores/jobs';
import { useT } from '../../i18n';
import { useTenants } from '../../stores/tenants';
import { cellText } from './format';

const SHOWN_ROWS = 500;

/** One read-only SELECT in every (or the listed) tenant schema, as one table with a tenant column. */
export function CrossQueryPanel({ defaultTenants }: { defaultTenants?: string }) {
  const { query, startQuery, finishQuery } = useTenants();
  const jobs = useJobs((s) => s.jobs);
  const subscribe = useJobs((s) => s.subscribe);
  const [sql, setSql] = useState('SELECT count(*) AS students FROM evaluations_student');
  const [tenants, setTenants] = useState(defaultTenants ?? '');
  const [timeout, setTimeoutMs] = useState(10_000);
  const { t: tr } = useT();
  const job = query.jobId ? jobs[query.jobId] : undefined;
  const running = Boolean(query.jobId && !query.result && !query.error && (!job || isRunning(job)));

  useEffect(() => subscribe(), [subscribe]);
  useEffect(() => {
    if (job && !isRunning(job)) void finishQuery(job.id, job.state, job.error as ErrorData | undefined);
  }, [job, finishQuery]);

  async function download() {
    if (!query.result || !query.jobId) return;
    const { fileName, content } = await api().invoke('tenants.queryCsv', { jobId: query.jobId });
    const blob = new Blob([content], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = fileName;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  const r = query.result;
  return (
    <section className="cross-query" aria-label={tr('tn.crossQuery')}>
      <h2>{tr('tn.query')}</h2>
      <p className="muted small">{tr('tn.crossExplain')}</p>
      <textarea
        className="mono"
        aria-label="SQL"
        rows={4}
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        spellCheck={false}
      />
      <div className="row">
        <label className="field grow">
          <span>{tr('tn.tenantsField')}</span>
          <input className="mono" value={tenants} onChange={(e) => setTenants(e.target.value)} />
        </label>
        <label className="field compact">
          <span>{tr('tn.timeout')}</span>
          <input type="number" min={10} value={timeout} onChange={(e) => setTimeoutMs(Number(e.target.value))} />
        </label>
        <button
          className="primary"
          disabled={running || !sql.trim()}
          onClick={() =>
            void startQuery({
              sql,
              timeoutMs: timeout,
              tenants: tenants
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean).length
                ? tenants
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean)
                : undefined,
            })
          }
        >
          {tr('tn.run')}
        </button>
      </div>
      {running && <ProgressBar done={job?.done ?? 0} total={job?.total ?? 0} label={tr('tn.queryProgress')} />}
      {query.error && <ErrorBox error={query.error} title={tr('tn.refused')} />}
      {r && (
        <div className="q-result">
          <div className="actions">
            <span>
              {tr('tn.resultLine', { rows: r.rowCount, tenants: r.tenants.length - r.failed })}
              {r.failed ? tr('tn.resultFailed', { count: r.failed }) : ''} · {r.ms} ms
              {r.truncated ? tr('tn.capped', { count: r.rows.length }) : ''}
            </span>
            <button onClick={() => void download()}>{tr('tn.exportCsv')}</button>
          </div>
          {r.tenants
            .filter((t) => t.error)
            .map((t) => (
              <ErrorBox
                key={t.schema}
                title={t.schema}
                error={{ code: t.error!.code as ErrorData['code'], message: t.error!.message }}
              />
            ))}
          <div className="q-scroll">
            <table className="grid" aria-label={tr('tn.queryResult')}>
              <thead>
                <tr>
                  {r.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.rows.slice(0, SHOWN_ROWS).map((row, i) => (
                  <tr key={i}>
                    {row.map((v, j) => (
                      <td key={j} className={j === 0 ? 'mono' : undefined}>
                        {cellText(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {r.rows.length > SHOWN_ROWS && (
              <p className="muted small">{tr('tn.showing', { shown: SHOWN_ROWS, count: r.rows.length })}</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
