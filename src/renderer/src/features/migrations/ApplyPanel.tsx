import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { ProgressBar } from '../../components/ProgressBar';
import { useT } from '../../i18n';
import { isRunning, useJobs } from '../../stores/jobs';
import { useMigrations } from '../../stores/migrations';
import { inApplyOrder } from '../../components/review/plan-steps';
import { useIntent } from '../../stores/intent';
import { MigrateReview, type MigrateRequest } from './MigrateReview';
import { RunReport } from './RunReport';
import { emptyWaveFields, LiveWaves, stagedOptions, WaveControls, WavesReport, type WaveFields } from './WavesPanel';

/** Plan → dry run → apply, with live progress, cancel, and retry of the failed tenants. */
export function ApplyPanel() {
  const { profileId, plan, planError, makePlan, start, finish, cancel, jobId, jobKind, run, runError } =
    useMigrations();
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));
  const intent = useIntent((s) => s.intent);
  const [continueOnError, setContinueOnError] = useState(false);
  const [waves, setWaves] = useState<WaveFields>(emptyWaveFields);
  const [reviewing, setReviewing] = useState<MigrateRequest>();
  const running = job ? isRunning(job) : false;
  const { t } = useT();

  useEffect(() => {
    if (jobId && job && !isRunning(job) && !run) void finish(jobId);
  }, [jobId, job, run, finish]);
  // The palette's "migrate" and "dry run" land on their review here.
  useEffect(() => {
    const wanted = intent && useIntent.getState().take(['migrate', 'dry-run']);
    if (wanted)
      setReviewing({
        dryRun: wanted.kind === 'dry-run',
        tenants: wanted.kind === 'migrate' ? wanted.tenants : undefined,
      });
  }, [intent]);

  // Nothing starts from these buttons: each opens the review, which starts the run once confirmed.
  const go = (dryRun: boolean, retryFailed = false) =>
    setReviewing({
      dryRun,
      failed: retryFailed ? (run?.failed ?? []) : undefined,
      staged: retryFailed ? undefined : stagedOptions(waves),
    });

  return (
    <section className="apply-panel" aria-label={t('mg.panel')}>
      <div className="actions">
        <button onClick={() => void makePlan()} disabled={running}>
          {t('mg.plan')}
        </button>
        <button onClick={() => go(true)} disabled={running} aria-haspopup="dialog">
          {t('mg.dryRun')}
        </button>
        <button className="primary" onClick={() => go(false)} disabled={running} aria-haspopup="dialog">
          {t('mg.apply')}
        </button>
        {run && run.failed.length > 0 && (
          <button onClick={() => go(false, true)} disabled={running}>
            {t('mg.retry', { count: run.failed.length })}
          </button>
        )}
        <label className="check small">
          <input type="checkbox" checked={continueOnError} onChange={(e) => setContinueOnError(e.target.checked)} />{' '}
          {t('mg.continue')}
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
            {inApplyOrder(plan.files).map((f) => (
              <li key={`${f.scope}:${f.name}`} className="mono small">
                {f.scope === 'shared' ? t('mg.scope.shared') : t('mg.scope.tenant')} · {f.name}
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
      {runError && <ErrorBox error={runError} title={t('mg.notApplied')} />}
      {job && (
        <div className="run-progress" aria-label={t('mg.runProgress')}>
          <div className="row">
            <strong>
              {jobKind === 'dry-run' ? t('mg.dryRun') : jobKind === 'rollback' ? t('mg.rollback') : t('mg.apply')}
            </strong>
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
      {reviewing && profileId && (
        <MigrateReview
          profileId={profileId}
          request={reviewing}
          onClose={() => setReviewing(undefined)}
          onConfirm={(confirmDatabase, confirmDestructive) =>
            start({
              dryRun: reviewing.dryRun,
              retryFailed: Boolean(reviewing.failed),
              continueOnError,
              confirmDatabase,
              confirmDestructive,
              staged: reviewing.staged,
              tenants: reviewing.tenants,
            })
          }
        />
      )}
    </section>
  );
}
