import { useEffect, useState } from 'react';
import type { ActionReport } from '../../../../shared/model/fleet';
import { ProgressBar } from '../../components/ProgressBar';
import { tenantNames, useFleet } from '../../stores/fleet';
import { isRunning, useJobs } from '../../stores/jobs';
import { ConfirmDatabase } from './ConfirmDatabase';

function cellText(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function ReportTable({ report }: { report: ActionReport }) {
  const c = report.counts;
  return (
    <div className="fl-result" data-testid="action-report">
      <p>
        <strong>{report.dryRun ? 'Preview (rolled back)' : 'Ran'}</strong> <span className="mono">{report.action}</span>: {c.done} done · {c.previewed} previewed ·{' '}
        <span className={c.failed ? 'fl-bad' : ''}>{c.failed} failed (rolled back)</span> · {c.skipped} skipped{report.stopped ? ' · stopped at the first failure' : ''}
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th>Tenant</th>
            <th>State</th>
            <th>Rows</th>
            <th>Returned / error</th>
          </tr>
        </thead>
        <tbody>
          {report.tenants.map((t) => (
            <tr key={t.tenant}>
              <td className="mono">{t.tenant}</td>
              <td className={t.state === 'failed' ? 'fl-bad' : ''}>{t.state}</td>
              <td>{t.rowsChanged}</td>
              <td className="mono small">
                {t.error
                  ? `${t.error.code}: ${t.error.message}`
                  : t.rows
                      .slice(0, 3)
                      .map((r) => Object.entries(r).map(([k, v]) => `${k}=${cellText(v)}`).join(' '))
                      .join(' | ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Tenant actions: parameterised write SQL, previewed (rolled back) before it runs for real. */
export function ActionsTab({ profileId }: { profileId: string }) {
  const s = useFleet();
  const { loadActions, actionEnded } = s;
  const jobs = useJobs((j) => j.jobs);
  const subscribe = useJobs((j) => j.subscribe);
  const job = s.actionJob ? jobs[s.actionJob.id] : undefined;
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [tenants, setTenants] = useState('');
  const [stopOnError, setStopOnError] = useState(false);
  const [confirm, setConfirm] = useState('');
  useEffect(() => subscribe(), [subscribe]);
  useEffect(() => void loadActions(), [loadActions]);
  useEffect(() => {
    if (job && !isRunning(job)) void actionEnded(job.state, job.error ? { code: job.error.code as 'INTERNAL', message: job.error.message, hint: job.error.hint } : undefined);
  }, [job, actionEnded]);

  const action = s.actions.find((a) => a.id === chosen) ?? s.actions[0];
  const params = Object.fromEntries((action?.params ?? []).map((p) => [p.name, values[p.name] ?? p.default ?? '']));
  const run = (dryRun: boolean) =>
    action && void s.runAction({ action: action.id, tenants: tenantNames(tenants), params, dryRun, stopOnError, confirmDatabase: confirm || undefined });
  const previewed = s.actionReport?.dryRun && s.actionReport.action === action?.id;

  if (!s.actions.length) return <p className="muted">The project has no actions/ files.</p>;
  return (
    <div className="fl-panel">
      <div className="fl-bar">
        <label>
          Action{' '}
          <select value={action?.id} onChange={(e) => setChosen(e.target.value)} aria-label="Action">
            {s.actions.map((a) => (
              <option key={a.id} value={a.id} disabled={Boolean(a.problem)}>
                {a.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tenants <input value={tenants} onChange={(e) => setTenants(e.target.value)} placeholder="every tenant" aria-label="Tenants" />
        </label>
        <label>
          <input type="checkbox" checked={stopOnError} onChange={(e) => setStopOnError(e.target.checked)} /> stop at the first failure
        </label>
      </div>
      {action && <p className="muted small">{action.problem ? action.problem.message : action.description}</p>}
      {action && action.params.length > 0 && (
        <div className="fl-bar" aria-label="Parameters">
          {action.params.map((p) => (
            <label key={p.name}>
              <span className="mono">{p.name}</span> <span className="muted small">{p.type}</span>{' '}
              <input value={params[p.name]} onChange={(e) => setValues({ ...values, [p.name]: e.target.value })} aria-label={p.name} />
            </label>
          ))}
        </div>
      )}
      <div className="fl-bar">
        <ConfirmDatabase profileId={profileId} value={confirm} onChange={setConfirm} />
        <button onClick={() => run(true)} disabled={Boolean(s.actionJob) || !action}>
          Preview
        </button>
        <button className="primary" onClick={() => run(false)} disabled={Boolean(s.actionJob) || !previewed} title={previewed ? '' : 'Preview first'}>
          Run for real
        </button>
      </div>
      {s.actionJob && (
        <div className="fl-job">
          {s.actionJob.dryRun ? 'Previewing' : 'Running'} {job?.total ? `${job.done}/${job.total}` : ''} <ProgressBar done={job?.done ?? 0} total={job?.total ?? 0} label="Action" />
        </div>
      )}
      {s.actionReport && <ReportTable report={s.actionReport} />}
    </div>
  );
}
