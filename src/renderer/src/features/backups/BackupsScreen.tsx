import { useEffect, useMemo, useState } from 'react';
import { BACKUP_REASONS } from '../../../../shared/model/backups';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { jobLabel } from '../../components/job-label';
import { ProgressBar } from '../../components/ProgressBar';
import { useT } from '../../i18n';
import { useBackups } from '../../stores/backups';
import { isRunning, useJobs } from '../../stores/jobs';
import { BackupTable } from './BackupTable';
import { RestoreWizard } from './RestoreWizard';
import './backups.css';

export function BackupsScreen() {
  return <NeedsConnection>{(profileId) => <Backups profileId={profileId} />}</NeedsConnection>;
}

function Backups({ profileId }: { profileId: string }) {
  const {
    backups,
    loading,
    error,
    load,
    create,
    backupJobId,
    wizard,
    openWizard,
    passphrase,
    setPassphrase,
    syncCopies,
  } = useBackups();
  const job = useJobs((s) => (backupJobId ? s.jobs[backupJobId] : undefined));
  const subscribe = useJobs((s) => s.subscribe);
  const [tenant, setTenant] = useState('');
  const [filter, setFilter] = useState({ tenant: '', reason: '', since: '' });
  const { t } = useT();

  useEffect(() => {
    subscribe();
    void load(profileId);
  }, [profileId, load, subscribe]);
  const jobState = job?.state;
  useEffect(() => {
    if (jobState === 'succeeded' || jobState === 'failed') void load(profileId);
  }, [jobState, load, profileId]);

  const shown = useMemo(
    () =>
      backups.filter(
        (b) =>
          (!filter.tenant || b.schemas.some((s) => s.includes(filter.tenant))) &&
          (!filter.reason || b.reason === filter.reason) &&
          (!filter.since || b.createdAt.slice(0, 10) >= filter.since),
      ),
    [backups, filter],
  );
  const busy = job ? isRunning(job) : false;

  if (wizard) return <RestoreWizard profileId={profileId} />;
  return (
    <section className="screen backups">
      <div className="screen-head">
        <h1>{t('bk.title')}</h1>
        <div className="actions">
          <button disabled={busy} onClick={() => void create(profileId, 'fleet')}>
            {t('bk.fleet')}
          </button>
          <button disabled={busy} onClick={() => void create(profileId, 'shared')}>
            {t('bk.shared')}
          </button>
          <button disabled={busy} onClick={() => void create(profileId, 'database')}>
            {t('bk.database')}
          </button>
          <button className="primary" onClick={() => openWizard()}>
            {t('bk.restore')}
          </button>
        </div>
      </div>
      <form
        className="backup-tenant"
        onSubmit={(e) => {
          e.preventDefault();
          if (tenant.trim()) void create(profileId, 'tenant', [tenant.trim()]);
        }}
      >
        <label>
          {t('bk.tenantSchema')}{' '}
          <input
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
            placeholder="tenant_…"
            aria-label={t('bk.tenantSchemaLabel')}
          />
        </label>
        <button type="submit" disabled={busy || !tenant.trim()}>
          {t('bk.tenant')}
        </button>
      </form>
      <div className="backup-crypto">
        <label>
          {t('bk.passphrase')}{' '}
          <input
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            placeholder={t('bk.passphrasePlaceholder')}
            aria-label={t('bk.passphrase')}
          />
        </label>
        <span className="muted small">{t('bk.passphraseKept')}</span>
        {backups.some((b) => b.copy?.state === 'pending') && (
          <button onClick={() => void syncCopies(profileId)} disabled={busy}>
            {t('bk.retryCopies')}
          </button>
        )}
      </div>
      {job && (
        <div className="backup-job" data-state={job.state}>
          <span>
            {jobLabel(t, job.kind)}: {t(`jobs.state.${job.state}`)} {job.current ? `— ${job.current}` : ''}
          </span>
          {busy && <ProgressBar done={job.done} total={job.total} label={t('bk.progress')} />}
          {job.error && (
            <ErrorBox
              error={{ code: job.error.code as never, message: job.error.message, hint: job.error.hint }}
              title={t('bk.failed')}
            />
          )}
        </div>
      )}
      {error && <ErrorBox error={error} />}
      <div className="backup-filters">
        <input
          placeholder={t('bk.filterTenant')}
          aria-label={t('bk.filterTenant')}
          value={filter.tenant}
          onChange={(e) => setFilter({ ...filter, tenant: e.target.value })}
        />
        <select
          aria-label={t('bk.filterReason')}
          value={filter.reason}
          onChange={(e) => setFilter({ ...filter, reason: e.target.value })}
        >
          <option value="">{t('bk.anyReason')}</option>
          {BACKUP_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`bk.reason.${r}`)}
            </option>
          ))}
        </select>
        <input
          type="date"
          aria-label={t('bk.since')}
          value={filter.since}
          onChange={(e) => setFilter({ ...filter, since: e.target.value })}
        />
      </div>
      {loading && !backups.length ? (
        <p className="muted">{t('common.loading')}</p>
      ) : backups.length && !shown.length ? (
        <p className="empty">{t('bk.noMatch')}</p>
      ) : (
        <BackupTable rows={shown} onRestore={(id) => openWizard(id)} />
      )}
    </section>
  );
}
