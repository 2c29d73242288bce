import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { ProgressBar } from '../../components/ProgressBar';
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

  useEffect(() => {
    if (jobId && job && !isRunning(job) && !run) void finish(jobId);
  }, [jobId, job, run, finish]);

  const needsDatabase = runError?.code === 'CONFIRMATION_REQUIRED';
  const needsDestructive = runError?.code === 'DESTRUCTIVE_NOT_CONFIRMED' || (plan?.destructive ?? false);
  const go = (dryRun: boolean, retryFailed = false) => void start({ dryRun, retryFailed, continueOnError, confirmDatabase: confirmDatabase || undefined, confirmDestructive, staged: retryFailed ? undefined : stagedOptions(waves) });

  return (
    <section className="apply-panel" aria-label="Plan and apply">
      <div className="actions">
        <button onClick={() => void makePlan()} disabled={running}>
          Plan
        </button>
        <button onClick={() => go(true)} disabled={running || !plan || plan.schemas.length === 0}>
          Dry run
        </button>
        <button className="primary" onClick={() => go(false)} disabled={running || !plan || plan.schemas.length === 0 || plan.drifted.length > 0}>
          Apply
        </button>
        {run && run.failed.length > 0 && (
          <button onClick={() => go(false, true)} disabled={running}>
            Retry the {run.failed.length} failed
          </button>
        )}
        <label className="check small">
          <input type="checkbox" checked={continueOnError} onChange={(e) => setContinueOnError(e.target.checked)} /> continue after a failure
        </label>
      </div>
      <WaveControls fields={waves} onChange={setWaves} disabled={running} />
      {planError && <ErrorBox error={planError} title="No plan" />}
      {plan && (
        <div className="plan" aria-label="Plan">
          <p>
            <strong>{plan.schemas.length}</strong> schema(s) to migrate · {plan.upToDate} up to date
            {plan.skippedMissing.length > 0 && ` · ${plan.skippedMissing.length} missing (skipped)`}
          </p>
          {plan.drifted.length > 0 && <p className="danger-text">Applying is blocked: {plan.drifted.length} applied file(s) changed since they ran (drift). Restore the files first.</p>}
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
          <p className="muted small">A dry run executes each tenant's files in a transaction that is rolled back; it still takes locks (under lock_timeout) and advances sequences.</p>
        </div>
      )}
      {(needsDatabase || needsDestructive) && (
        <div className="confirm-row">
          {needsDatabase && (
            <label className="field compact">
              Type the database name to confirm
              <input value={confirmDatabase} onChange={(e) => setConfirmDatabase(e.target.value)} aria-label="Database name" />
            </label>
          )}
          {needsDestructive && (
            <label className="check">
              <input type="checkbox" checked={confirmDestructive} onChange={(e) => setConfirmDestructive(e.target.checked)} /> I reviewed the destructive statements
            </label>
          )}
        </div>
      )}
      {runError && <ErrorBox error={runError} title="Not applied" />}
      {job && (
        <div className="run-progress" aria-label="Run progress">
          <div className="row">
            <strong>{jobKind === 'dry-run' ? 'Dry run' : 'Apply'}</strong>
            <span className="muted small">
              [{job.done}/{job.total}] {job.current ?? ''} · {job.state}
            </span>
            {running && (
              <button className="danger" onClick={() => void cancel()}>
                Cancel
              </button>
            )}
          </div>
          <ProgressBar done={job.done} total={job.total} label="migration progress" />
          <LiveWaves log={job.log} />
        </div>
      )}
      {run && <RunReport run={run} />}
      {run && <WavesReport run={run} />}
    </section>
  );
}
