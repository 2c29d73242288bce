import { useEffect, useMemo, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { ProgressBar } from '../../components/ProgressBar';
import { useBackups } from '../../stores/backups';
import { isRunning, useJobs } from '../../stores/jobs';
import { BackupTable } from './BackupTable';
import { RestoreWizard } from './RestoreWizard';
import './backups.css';

export function BackupsScreen() {
  return <NeedsConnection>{(profileId) => <Backups profileId={profileId} />}</NeedsConnection>;
}

function Backups({ profileId }: { profileId: string }) {
  const { backups, loading, error, load, create, backupJobId, wizard, openWizard, passphrase, setPassphrase, syncCopies } = useBackups();
  const job = useJobs((s) => (backupJobId ? s.jobs[backupJobId] : undefined));
  const subscribe = useJobs((s) => s.subscribe);
  const [tenant, setTenant] = useState('');
  const [filter, setFilter] = useState({ tenant: '', reason: '', since: '' });

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
        <h1>Backups</h1>
        <div className="actions">
          <button disabled={busy} onClick={() => void create(profileId, 'fleet')}>
            Back up fleet
          </button>
          <button disabled={busy} onClick={() => void create(profileId, 'shared')}>
            Back up shared
          </button>
          <button disabled={busy} onClick={() => void create(profileId, 'database')}>
            Back up database
          </button>
          <button className="primary" onClick={() => openWizard()}>
            Restore…
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
          Tenant schema <input value={tenant} onChange={(e) => setTenant(e.target.value)} placeholder="tenant_…" aria-label="Tenant schema to back up" />
        </label>
        <button type="submit" disabled={busy || !tenant.trim()}>
          Back up tenant
        </button>
      </form>
      <div className="backup-crypto">
        <label>
          Backup passphrase{' '}
          <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} placeholder="for passphrase-encrypted backups" aria-label="Backup passphrase" />
        </label>
        <span className="muted small">kept in this window only</span>
        {backups.some((b) => b.copy?.state === 'pending') && (
          <button onClick={() => void syncCopies(profileId)} disabled={busy}>
            Retry pending copies
          </button>
        )}
      </div>
      {job && (
        <div className="backup-job" data-state={job.state}>
          <span>
            {job.kind}: {job.state} {job.current ? `— ${job.current}` : ''}
          </span>
          {busy && <ProgressBar done={job.done} total={job.total} label="backup progress" />}
          {job.error && <ErrorBox error={{ code: job.error.code as never, message: job.error.message, hint: job.error.hint }} title="Backup failed" />}
        </div>
      )}
      {error && <ErrorBox error={error} />}
      <div className="backup-filters">
        <input placeholder="Filter by tenant" aria-label="Filter by tenant" value={filter.tenant} onChange={(e) => setFilter({ ...filter, tenant: e.target.value })} />
        <select aria-label="Filter by reason" value={filter.reason} onChange={(e) => setFilter({ ...filter, reason: e.target.value })}>
          <option value="">any reason</option>
          {['manual', 'pre-migrate', 'pre-drop', 'pre-restore', 'checklist', 'pre-action'].map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <input type="date" aria-label="Since" value={filter.since} onChange={(e) => setFilter({ ...filter, since: e.target.value })} />
      </div>
      {loading && !backups.length ? <p className="muted">Loading…</p> : <BackupTable rows={shown} onRestore={(id) => openWizard(id)} />}
    </section>
  );
}
