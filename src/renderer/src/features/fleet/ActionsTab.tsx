import { useEffect, useState } from 'react';
import type { ActionReport } from '../../../../shared/model/fleet';
import { ProgressBar } from '../../components/ProgressBar';
import { useT } from '../../i18n';
import { tenantNames, useFleet } from '../../stores/fleet';
import { isRunning, useJobs } from '../../stores/jobs';
import type { ErrorData } from '../../../../shared/errors';
import { ReviewDialog } from '../../components/review/ReviewDialog';

function cellText(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function ReportTable({ report }: { report: ActionReport }) {
  const c = report.counts;
  const { t: tr } = useT();
  return (
    <div className="fl-result" data-testid="action-report">
      <p>
        <strong>{report.dryRun ? tr('fl.previewed') : tr('fl.ran')}</strong>{' '}
        <span className="mono">{report.action}</span>: {tr('fl.reportCounts', { done: c.done, previewed: c.previewed })}{' '}
        <span className={c.failed ? 'fl-bad' : ''}>{tr('fl.failedRolledBack', { count: c.failed })}</span>
        {tr('fl.skipped', { count: c.skipped })}
        {report.stopped ? tr('fl.stopped') : ''}
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th>{tr('fl.col.tenant')}</th>
            <th>{tr('fl.col.state')}</th>
            <th>{tr('fl.col.rows')}</th>
            <th>{tr('fl.col.returned')}</th>
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
                      .map((r) =>
                        Object.entries(r)
                          .map(([k, v]) => `${k}=${cellText(v)}`)
                          .join(' '),
                      )
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
  const [reviewing, setReviewing] = useState(false);
  const [refused, setRefused] = useState<ErrorData>();
  const { t } = useT();
  useEffect(() => subscribe(), [subscribe]);
  useEffect(() => void loadActions(), [loadActions]);
  useEffect(() => {
    if (job && !isRunning(job))
      void actionEnded(
        job.state,
        job.error
          ? { code: job.error.code as 'INTERNAL', message: job.error.message, hint: job.error.hint }
          : undefined,
      );
  }, [job, actionEnded]);

  const action = s.actions.find((a) => a.id === chosen) ?? s.actions[0];
  const params = Object.fromEntries((action?.params ?? []).map((p) => [p.name, values[p.name] ?? p.default ?? '']));
  const run = (dryRun: boolean, confirmDatabase?: string) =>
    action
      ? s.runAction({ action: action.id, tenants: tenantNames(tenants), params, dryRun, stopOnError, confirmDatabase })
      : Promise.resolve(undefined);
  const previewed = s.actionReport?.dryRun && s.actionReport.action === action?.id ? s.actionReport : undefined;
  const paramText =
    Object.entries(params)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || t('review.action.noParams');

  if (!s.actions.length) return <p className="muted">{t('fl.noActions')}</p>;
  return (
    <div className="fl-panel">
      <div className="fl-bar">
        <label>
          {t('fl.action')}{' '}
          <select value={action?.id} onChange={(e) => setChosen(e.target.value)} aria-label={t('fl.action')}>
            {s.actions.map((a) => (
              <option key={a.id} value={a.id} disabled={Boolean(a.problem)}>
                {a.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fl.tenants')}{' '}
          <input
            value={tenants}
            onChange={(e) => setTenants(e.target.value)}
            placeholder={t('fl.everyTenant')}
            aria-label={t('fl.tenants')}
          />
        </label>
        <label>
          <input type="checkbox" checked={stopOnError} onChange={(e) => setStopOnError(e.target.checked)} />{' '}
          {t('fl.stopFirst')}
        </label>
      </div>
      {action && <p className="muted small">{action.problem ? action.problem.message : action.description}</p>}
      {action && action.params.length > 0 && (
        <div className="fl-bar" role="group" aria-label={t('fl.parameters')}>
          {action.params.map((p) => (
            <label key={p.name}>
              <span className="mono">{p.name}</span> <span className="muted small">{p.type}</span>{' '}
              <input
                value={params[p.name]}
                onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
                aria-label={p.name}
              />
            </label>
          ))}
        </div>
      )}
      <div className="fl-bar">
        <button onClick={() => void run(true)} disabled={Boolean(s.actionJob) || !action}>
          {t('fl.preview')}
        </button>
        <button
          className="primary"
          aria-haspopup="dialog"
          onClick={() => setReviewing(true)}
          disabled={Boolean(s.actionJob) || !previewed}
          title={previewed ? '' : t('fl.previewFirst')}
        >
          {t('fl.runForReal')}
        </button>
      </div>
      {reviewing && action && previewed && (
        <ReviewDialog
          title={t('review.action.title', { action: action.id })}
          profileId={profileId}
          intro={action.description ? <p className="muted small">{action.description}</p> : undefined}
          steps={[
            {
              key: action.id,
              label: t('review.action.step', { action: action.id, params: paramText }),
              detail: t('review.action.previewed', { rows: previewed.tenants.reduce((n, x) => n + x.rowsChanged, 0) }),
            },
          ]}
          tenants={previewed.tenants.filter((x) => x.state !== 'skipped').map((x) => x.tenant)}
          backup={t('review.action.noBackup')}
          actionLabel={t('review.action.run')}
          error={refused}
          onClose={() => {
            setReviewing(false);
            setRefused(undefined);
          }}
          onConfirm={(db) =>
            void run(false, db).then((e) => {
              setRefused(e);
              if (!e) setReviewing(false);
            })
          }
        />
      )}
      {s.actionJob && (
        <div className="fl-job">
          {s.actionJob.dryRun ? t('fl.previewing') : t('fl.running')} {job?.total ? `${job.done}/${job.total}` : ''}{' '}
          <ProgressBar done={job?.done ?? 0} total={job?.total ?? 0} label={t('fl.action')} />
        </div>
      )}
      {s.actionReport && <ReportTable report={s.actionReport} />}
    </div>
  );
}
