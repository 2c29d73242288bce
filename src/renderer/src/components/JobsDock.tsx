import { useEffect } from 'react';
import { isRunning, useJobs } from '../stores/jobs';
import { useT } from '../i18n';
import { ProgressBar } from './ProgressBar';

/** Running and recently finished jobs, with progress and cancel, at the bottom of every screen. */
export function JobsDock() {
  const { jobs, subscribe, cancel, dismiss } = useJobs();
  const { t } = useT();
  useEffect(() => subscribe(), [subscribe]);
  const all = Object.values(jobs).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  // Running jobs first and in full; finished ones as a short, dismissable history.
  const list = [...all.filter(isRunning), ...all.filter((j) => !isRunning(j)).slice(0, 2)].slice(0, 5);
  if (list.length === 0) return null;
  return (
    <section className="jobs-dock" aria-label={t('jobs.label')}>
      {list.map((job) => (
        <div key={job.id} className={`job job-${job.state}`} data-testid="job">
          <div className="job-head">
            <span className="job-kind">{job.kind}</span>
            <span className="job-state">{t(`jobs.state.${job.state}`)}</span>
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
          {isRunning(job) && <ProgressBar done={job.done} total={job.total} label={t('jobs.progress', { kind: job.kind })} />}
          {job.error && <div className="job-error">{job.error.message}</div>}
        </div>
      ))}
    </section>
  );
}
