import { useEffect, useState } from 'react';
import type { ProfileView } from '../../../../shared/model/profile';
import { api } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import { ProgressBar } from '../../components/ProgressBar';
import { useBackups, type WizardStep } from '../../stores/backups';
import { useJobs } from '../../stores/jobs';
import { schemasLabel, size, when } from './BackupTable';
import { PreflightView } from './PreflightView';

const STEPS: { id: WizardStep; label: string }[] = [
  { id: 'backup', label: '1 · Backup' },
  { id: 'target', label: '2 · Target' },
  { id: 'preflight', label: '3 · Preflight' },
  { id: 'restore', label: '4 · Restore' },
];

/** Pick a backup → pick the target → preflight → restore (safety backup, keep aside, verify, swap). */
export function RestoreWizard({ profileId }: { profileId: string }) {
  const { wizard: w, backups, patchWizard, closeWizard, runPreflight, startRestore, finishRestore } = useBackups();
  const job = useJobs((s) => (w?.jobId ? s.jobs[w.jobId] : undefined));
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [tenantFilter, setTenantFilter] = useState('');
  useEffect(() => {
    void api().invoke('profiles.list', {}).then(setProfiles);
  }, []);
  const jobState = job?.state;
  useEffect(() => {
    if (jobState === 'succeeded' || jobState === 'failed' || jobState === 'cancelled') void finishRestore();
  }, [jobState, finishRestore]);
  if (!w) return null;
  const chosen = backups.find((b) => b.id === w.backupId);
  const candidates = backups.filter((b) => !tenantFilter || b.schemas.some((s) => s.includes(tenantFilter)));
  const needsTenant = chosen && chosen.schemas.length > 1;
  const canTarget = chosen && (!needsTenant || w.tenant);
  const canCheck = w.kind !== 'new' || /^[a-z_][a-z0-9_]{0,62}$/.test(w.as.trim());

  return (
    <section className="screen restore-wizard">
      <div className="screen-head">
        <h1>Restore a backup</h1>
        <div className="actions">
          <button onClick={closeWizard}>{w.result ? 'Done' : 'Cancel'}</button>
        </div>
      </div>
      <ol className="wizard-steps">
        {STEPS.map((s) => (
          <li key={s.id} aria-current={s.id === w.step ? 'step' : undefined}>
            {s.label}
          </li>
        ))}
      </ol>

      {w.step === 'backup' && (
        <div className="wizard-body">
          <input placeholder="Filter by tenant" aria-label="Filter backups by tenant" value={tenantFilter} onChange={(e) => setTenantFilter(e.target.value)} />
          <ul className="pick-list" role="radiogroup" aria-label="Backups">
            {candidates.map((b) => (
              <li key={b.id}>
                <label>
                  <input type="radio" name="backup" checked={w.backupId === b.id} onChange={() => patchWizard({ backupId: b.id, tenant: b.schemas.length === 1 ? undefined : w.tenant })} />
                  <span className="mono">{b.id}</span> {b.scope} · {schemasLabel(b.schemas)} · {b.reason} · {size(b.bytes)} · {when(b.createdAt)}
                </label>
              </li>
            ))}
            {!candidates.length && <li className="muted">No backups match.</li>}
          </ul>
          {needsTenant && (
            <label className="field">
              Tenant to restore from this {chosen.scope} backup
              <select aria-label="Tenant to restore" value={w.tenant ?? ''} onChange={(e) => patchWizard({ tenant: e.target.value || undefined })}>
                <option value="">choose…</option>
                {chosen.schemas
                  .filter((s) => !tenantFilter || s.includes(tenantFilter))
                  .map((s) => (
                    <option key={s}>{s}</option>
                  ))}
              </select>
            </label>
          )}
          <div className="wizard-nav">
            <button className="primary" disabled={!canTarget} onClick={() => patchWizard({ step: 'target' })}>
              Next: target
            </button>
          </div>
        </div>
      )}

      {w.step === 'target' && chosen && (
        <div className="wizard-body">
          <p>
            Restoring <b className="mono">{w.tenant ?? chosen.schemas[0]}</b> from <span className="mono">{chosen.id}</span>.
          </p>
          <fieldset className="targets">
            <legend>Where to</legend>
            <label>
              <input type="radio" name="target" checked={w.kind === 'same'} onChange={() => patchWizard({ kind: 'same' })} /> The same tenant (the live schema is kept aside until the restored copy is verified)
            </label>
            <label>
              <input type="radio" name="target" checked={w.kind === 'new'} onChange={() => patchWizard({ kind: 'new' })} /> A new tenant name (the live tenant is not touched)
            </label>
            {w.kind === 'new' && <input aria-label="New schema name" placeholder="tenant_copy" value={w.as} onChange={(e) => patchWizard({ as: e.target.value })} />}
            <label>
              <input type="radio" name="target" checked={w.kind === 'profile'} onChange={() => patchWizard({ kind: 'profile', toProfileId: w.toProfileId ?? profiles.find((p) => p.id !== profileId)?.id })} /> Another profile's server
            </label>
            {w.kind === 'profile' && (
              <select aria-label="Target profile" value={w.toProfileId ?? ''} onChange={(e) => patchWizard({ toProfileId: e.target.value })}>
                {profiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.environment}, {p.database})
                  </option>
                ))}
              </select>
            )}
          </fieldset>
          <div className="wizard-nav">
            <button onClick={() => patchWizard({ step: 'backup' })}>Back</button>
            <button className="primary" disabled={!canCheck} onClick={() => void runPreflight()}>
              Next: preflight
            </button>
          </div>
        </div>
      )}

      {w.step === 'preflight' && (
        <div className="wizard-body">
          {w.checking && <p className="muted">Checking the file, versions, migrations and disk…</p>}
          {w.error && <ErrorBox error={w.error} title="Preflight failed" />}
          {w.preflight && <PreflightView p={w.preflight} confirm={w.confirmDatabase} onConfirm={(v) => patchWizard({ confirmDatabase: v })} />}
          <div className="wizard-nav">
            <button onClick={() => patchWizard({ step: 'target', preflight: undefined, error: undefined })}>Back</button>
            <button
              className="danger"
              disabled={!w.preflight?.ok || (w.preflight.needsConfirmation && w.confirmDatabase !== w.preflight.database)}
              onClick={() => void startRestore()}
            >
              Restore now
            </button>
          </div>
        </div>
      )}

      {w.step === 'restore' && (
        <div className="wizard-body">
          {job && !w.result && !w.error && (
            <div className="restore-progress">
              <p>
                Step: <b>{job.current ?? 'starting'}</b> ({job.state})
              </p>
              <ProgressBar done={job.done} total={job.total} label="restore progress" />
            </div>
          )}
          {w.error && <ErrorBox error={w.error} title="Restore failed — the original was put back" />}
          {w.result && (
            <div className="restore-done" role="status">
              <p className="good">
                Restored <b className="mono">{w.result.targetSchema}</b> ({w.result.mode}) in {(w.result.durationMs / 1000).toFixed(1)} s. Row counts match the backup.
              </p>
              {w.result.safetyBackupId && (
                <p>
                  Safety backup of the replaced schema: <span className="mono">{w.result.safetyBackupId}</span>
                </p>
              )}
              {w.result.asideKept && <p>The previous copy is kept as {w.result.asideKept}.</p>}
              <table className="grid">
                <thead>
                  <tr>
                    <th>Table</th>
                    <th>Rows</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(w.result.tables).map(([t, n]) => (
                    <tr key={t}>
                      <td className="mono">{t}</td>
                      <td>{n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
