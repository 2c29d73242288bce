import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { ProgressBar } from '../../components/ProgressBar';
import { useT } from '../../i18n';
import { isRunning, useJobs } from '../../stores/jobs';
import { useMigrations } from '../../stores/migrations';
import { RunReport } from './RunReport';
import { emptyWaveFields, LiveWaves, stagedOptions, WaveControls, WavesReport, type WaveFields } from './WavesPanel';

/** Plan → dry run → apply, with live progress, cancel, and retry of the failed tenants. */
export function ApplyPanel() {
  const { plan, planError, makePlan, start, finish, cancel, jobId, jobKind, run, runError } = useMigrations();
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));
  const [continueOnError, setContinueOnError] = useState(false);
  const [confirmDatabase, setConfirmDatabase] = useState('');
  const [confirmDestructive, setConfirmDestructive] = useState(false);
  const [waves, setWaves] = useState<WaveFields>(emptyWaveFields);
  const running = job ? isRunning(job) : false;
  const { t } = useT();

  useEffect(() => {
    if (jobId && job && !isRunning(job) && !run) void finish(jobId);
  }, [jobId, job, run, finish]);

  const needsDatabase = runError?.code === 'CONFIRMATION_REQUIRED';
  const needsDestructive = runError?.code === 'DESTRUCTIVE_NOT_CONFIRMED' || (plan?.destructive ?? false);
  const go = (dryRun: boolean, retryFailed = false) => void start({ dryRun, retryFailed, continueOnError, confirmDatabase: confirmDatabase || undefined, confirmDestructive, staged: retryFailed ? undefined : stagedOptions(waves) });

  return (
    <section className="apply-panel" aria-label={t('mg.panel')}>
      <div className="actions">
        <button onClick={() => void makePlan()} disabled={running}>
          {t('mg.plan')}
        </button>
        <button onClick={() => go(true)} disabled={running || !plan || plan.schemas.length === 0}>
          {t('mg.dryRun')}
        </button>
        <button className="primary" onClick={() => go(false)} disabled={running || !plan || plan.schemas.length === 0 || plan.drifted.length > 0}>
          {t('mg.apply')}
        </button>
        {run && run.failed.length > 0 && (
          <button onClick={() => go(false, true)} disabled={running}>
            {t('mg.retry', { count: run.failed.length })}
          </button>
        )}
        <label className="check small">
          <input type="checkbox" checked={continueOnError} onChange={(e) => setContinueOnError(e.target.checked)} /> {t('mg.continue')}
        </label>
      </div>
      <WaveControls fields={waves} onChange={setWaves} disabled={running} />
      {planError && <ErrorBox error={planError} title={t('mg.noPlan')} />}
      {plan && (
        <div className="plan" aria-label={t('mg.planLabel')}>
          <p>
            {t('mg.toMigrate', { count: plan.schemas.length, upToDate: plan.upToDate })}
            {plan.skippedMissing.length > 0 && t('mg.skippedMissing', { count: plan.skippedMissing.length })}
          </p>
          {plan.drifted.length > 0 && <p className="danger-text">{t('mg.blocked', { count: plan.drifted.length })}</p>}
          <ul className="plan-files">
            {plan.files.map((f) => (
              <li key={`${f.scope}:${f.name}`} className="mono small">
                {f.scope === 'shared' ? 'public' : 'tenant'} · {f.name}
                {f.noTransaction && <span className="badge">no-transaction</span>}
                {f.destructive.map((d) => (
                  <span key={d} className="badge badge-danger" title={d}>
                    {d}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {plan.warnings.map((w) => (
            <p key={w} className="muted small">
              {w}
            </p>
          ))}
          <p className="muted small">{t('mg.dryRunNote')}</p>
        </div>
      )}
      {(needsDatabase || needsDestructive) && (
        <div className="confirm-row">
          {needsDatabase && (
            <label className="field compact">
              {t('mg.typeDatabase')}
              <input value={confirmDatabase} onChange={(e) => setConfirmDatabase(e.target.value)} aria-label={t('mg.databaseName')} />
            </label>
          )}
          {needsDestructive && (
            <label className="check">
              <input type="checkbox" checked={confirmDestructive} onChange={(e) => setConfirmDestructive(e.target.checked)} /> {t('mg.reviewed')}
            </label>
          )}
        </div>
      )}
      {runError && <ErrorBox error={runError} title={t('mg.notApplied')} />}
      {job && (
        <div className="run-progress" aria-label={t('mg.runProgress')}>
          <div className="row">
            <strong>{jobKind === 'dry-run' ? t('mg.dryRun') : jobKind === 'rollback' ? t('mg.rollback') : t('mg.apply')}</strong>
            <span className="muted small">
              [{job.done}/{job.total}] {job.current ?? ''} · {t(`jobs.state.${job.state}`)}
            </span>
            {running && (
              <button className="danger" onClick={() => void cancel()}>
                {t('common.cancel')}
              </button>
            )}
          </div>
          <ProgressBar done={job.done} total={job.total} label={t('mg.migrationProgress')} />
          <LiveWaves log={job.log} />
        </div>
      )}
      {run && <RunReport run={run} />}
      {run && <WavesReport run={run} />}
    </section>
  );
}
