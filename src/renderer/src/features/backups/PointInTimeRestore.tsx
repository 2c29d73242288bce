import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { ProgressBar } from '../../components/ProgressBar';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { useT } from '../../i18n';
import { useJobs } from '../../stores/jobs';
import { usePointInTime } from '../../stores/point-in-time';
import type { ErrorData } from '../../../../shared/errors';

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
const PHASES = ['archive', 'restore', 'recovery', 'dump', 'swap'] as const;

/** The wizard's "a point in time" source: tenant and time → checks → review → the job and its result. */
export function PointInTimeRestore({ profileId, tenant }: { profileId: string; tenant?: string }) {
  const { t, fmt } = useT();
  const s = usePointInTime();
  const job = useJobs((j) => (s.jobId ? j.jobs[s.jobId] : undefined));
  const [reviewing, setReviewing] = useState(false);
  const [reviewError, setReviewError] = useState<ErrorData>();
  const { open, finish } = s;
  useEffect(() => {
    void open(profileId, tenant);
  }, [open, profileId, tenant]);
  const jobState = job?.state;
  useEffect(() => {
    if (jobState === 'succeeded' || jobState === 'failed' || jobState === 'cancelled') void finish();
  }, [jobState, finish]);
  const f = s.form;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const canCheck = SCHEMA.test(f.tenant.trim()) && f.local !== '' && (!f.asNew || SCHEMA.test(f.as.trim()));
  const p = s.preflight;
  const target = p?.targetSchema ?? f.tenant;
  const phase = job?.current?.split(':')[0] as (typeof PHASES)[number] | undefined;
  const running = s.jobId && !s.result && !s.error;

  return (
    <div className="wizard-body point-in-time">
      <p>{t('pit.intro')}</p>
      {s.archiveError && <ErrorBox error={s.archiveError} />}
      {!s.archive && !s.archiveError && <p className="muted">{t('pit.loadingArchive')}</p>}
      {s.archive && (
        <p className="muted">
          {t('pit.archive', {
            stanza: s.archive.stanza,
            version: s.archive.pgVersion,
            count: s.archive.backups.length,
            earliest: s.archive.earliest ? fmt.instant(s.archive.earliest) : '–',
          })}
        </p>
      )}
      {!s.jobId && (
        <>
          <label className="field">
            {t('pit.tenant')}
            <input
              list="pit-tenants"
              aria-label={t('pit.tenant')}
              value={f.tenant}
              onChange={(e) => s.patch({ tenant: e.target.value })}
            />
            <datalist id="pit-tenants">
              {s.tenants.map((x) => (
                <option key={x} value={x} />
              ))}
            </datalist>
          </label>
          <label className="field">
            {t('pit.time', { zone })}
            <input
              type="datetime-local"
              step={1}
              aria-label={t('pit.time', { zone })}
              value={f.local}
              onChange={(e) => s.patch({ local: e.target.value })}
            />
          </label>
          <label>
            <input type="checkbox" checked={f.asNew} onChange={(e) => s.patch({ asNew: e.target.checked })} />{' '}
            {t('pit.asNew')}
          </label>
          {f.asNew && (
            <input
              aria-label={t('pit.newName')}
              placeholder="tenant_copy"
              value={f.as}
              onChange={(e) => s.patch({ as: e.target.value })}
            />
          )}
          <div className="wizard-nav">
            <button disabled={!canCheck || s.checking || Boolean(s.archiveError)} onClick={() => void s.check()}>
              {t('pit.check')}
            </button>
            <button className="danger" aria-haspopup="dialog" disabled={!p?.ok} onClick={() => setReviewing(true)}>
              {t('pit.restore')}
            </button>
          </div>
          {s.checking && <p className="muted">{t('pit.checking')}</p>}
          {s.error && <ErrorBox error={s.error} title={t('pit.checksFailed')} />}
          {p && (
            <div className="preflight">
              <p>{t('pit.summary', { tenant: p.tenant, at: fmt.instant(p.at), target: p.targetSchema })}</p>
              <ul className="checks">
                {p.checks.map((c) => (
                  <li key={c.name} data-status={c.status}>
                    <span className={`check-${c.status}`}>{c.status}</span> <b>{c.name}</b>:{' '}
                    <span lang="en">{c.detail}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {reviewing && p && (
        <ReviewDialog
          title={t('pit.review.title', { schema: p.targetSchema, at: fmt.instant(p.at) })}
          profileId={profileId}
          steps={[
            { key: 'archive', label: t('pit.review.archive') },
            {
              key: 'recover',
              label: t('pit.review.recover', { backup: p.backupSet?.label ?? '', at: fmt.instant(p.at) }),
            },
            { key: 'dump', label: t('pit.review.dump', { tenant: p.tenant }) },
            p.targetSchema === p.tenant
              ? {
                  key: 'swap',
                  label: t('pit.review.swap', { target: p.targetSchema }),
                  destructive: [t('pit.review.replaces', { schema: p.targetSchema })],
                }
              : { key: 'create', label: t('pit.review.create', { target: p.targetSchema }) },
          ]}
          tenants={[p.targetSchema]}
          backup={
            p.targetSchema === p.tenant
              ? t('pit.review.safety', { schema: p.targetSchema })
              : t('pit.review.noSafety', { schema: p.targetSchema })
          }
          actionLabel={t('pit.review.run')}
          error={reviewError}
          onClose={() => setReviewing(false)}
          onConfirm={(db) => {
            void s.start(db).then((e) => {
              if (e) setReviewError(e);
              else setReviewing(false);
            });
          }}
        />
      )}
      {running && job && (
        <div className="restore-progress">
          <p>{phase && PHASES.includes(phase) ? t(`pit.phase.${phase}`) : job.current}</p>
          <ProgressBar done={job.done} total={job.total} label={t('pit.progress')} />
        </div>
      )}
      {s.jobId && s.error && <ErrorBox error={s.error} title={t('pit.failed')} />}
      {s.result && (
        <div className="restore-done" role="status">
          <p className="good">
            {t('pit.done', {
              target,
              at: fmt.instant(s.result.at),
              seconds: Math.round(s.result.durationMs / 100) / 10,
            })}
          </p>
          <p>
            {t('pit.doneFrom', {
              backup: s.result.backupSet,
              from: s.result.walRange.from,
              to: s.result.walRange.to,
              id: s.result.backupId,
            })}
          </p>
          {s.result.safetyBackupId && <p>{t('pit.doneSafety', { id: s.result.safetyBackupId })}</p>}
        </div>
      )}
    </div>
  );
}
