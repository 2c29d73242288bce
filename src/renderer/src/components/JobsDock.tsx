import { useEffect } from 'react';
import { useApp } from '../stores/app';
import { isRunning, useJobs } from '../stores/jobs';
import { useT } from '../i18n';
import { jobLabel, jobStateLabel } from './job-label';
import { ProgressBar } from './ProgressBar';

/** Running and recently finished jobs of the active profile, with progress and cancel, at the bottom of every screen. */
export function JobsDock() {
  const { jobs, runStates, subscribe, cancel, dismiss } = useJobs();
  const profileId = useApp((s) => s.activeProfileId);
  const { t } = useT();
  useEffect(() => subscribe(), [subscribe]);
  // Another profile's jobs go on in the background; they never show on this profile's screens.
  const all = Object.values(jobs)
    .filter((j) => !j.profileId || j.profileId === profileId)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  // Running jobs first and in full; finished ones as a short, dismissable history.
  const list = [...all.filter(isRunning), ...all.filter((j) => !isRunning(j)).slice(0, 2)].slice(0, 5);
  if (list.length === 0) return null;
  return (
    <section className="jobs-dock" aria-label={t('jobs.label')}>
      {list.map((job) => {
        const label = jobLabel(t, job.kind);
        const runState = runStates[job.id];
        return (
          <div
            key={job.id}
            className={`job job-${job.kind === 'checklist' && runState ? runState : job.state}`}
            data-testid="job"
          >
            <div className="job-head">
              <span className="job-kind">{label}</span>
              <span className="job-state">{jobStateLabel(t, job, runState)}</span>
              <span className="job-count">{job.total ? `[${job.done}/${job.total}]` : ''}</span>
              <span className="job-current">{job.current}</span>
              {isRunning(job) ? (
                <button onClick={() => void cancel(job.id)}>{t('common.cancel')}</button>
              ) : (
                <button className="ghost" onClick={() => dismiss(job.id)} aria-label={t('common.dismiss')}>
                  ×
                </button>
              )}
            </div>
            {isRunning(job) && (
              <ProgressBar done={job.done} total={job.total} label={t('jobs.progress', { kind: label })} />
            )}
            {job.error && <div className="job-error">{job.error.message}</div>}
          </div>
        );
      })}
    </section>
  );
}
