import { useEffect, useState } from 'react';
import type { ProfileView } from '../../../../shared/model/profile';
import { api } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import { ProgressBar } from '../../components/ProgressBar';
import { envLabel, useT, type MessageKey } from '../../i18n';
import { useBackups, type WizardStep } from '../../stores/backups';
import { useJobs } from '../../stores/jobs';
import { schemasLabel } from './BackupTable';
import { PointInTimeRestore } from './PointInTimeRestore';
import { RegisterRestored } from './RegisterRestored';
import { PreflightView } from './PreflightView';
import { RestoreReview } from './RestoreReview';

const STEPS: { id: WizardStep; label: MessageKey }[] = [
  { id: 'backup', label: 'bk.step.backup' },
  { id: 'target', label: 'bk.step.target' },
  { id: 'preflight', label: 'bk.step.preflight' },
  { id: 'restore', label: 'bk.step.restore' },
];

/** Pick a backup → pick the target → preflight → restore (safety backup, keep aside, verify, swap). */
export function RestoreWizard({ profileId }: { profileId: string }) {
  const { wizard: w, backups, patchWizard, closeWizard, runPreflight, startRestore, finishRestore } = useBackups();
  const job = useJobs((s) => (w?.jobId ? s.jobs[w.jobId] : undefined));
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [tenantFilter, setTenantFilter] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const [source, setSource] = useState<'backup' | 'time'>('backup');
  const { t, fmt } = useT();
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
        <h1>{t('bk.wizard')}</h1>
        <div className="actions">
          <button onClick={closeWizard}>{w.result ? t('bk.done') : t('common.cancel')}</button>
        </div>
      </div>
      {w.step === 'backup' && (
        <fieldset className="targets restore-source">
          <legend>{t('pit.source')}</legend>
          <label>
            <input type="radio" name="source" checked={source === 'backup'} onChange={() => setSource('backup')} />{' '}
            {t('pit.fromBackup')}
          </label>
          <label>
            <input type="radio" name="source" checked={source === 'time'} onChange={() => setSource('time')} />{' '}
            {t('pit.fromTime')}
          </label>
        </fieldset>
      )}
      {source === 'time' ? (
        <PointInTimeRestore profileId={profileId} tenant={w.tenant} />
      ) : (
        <>
          <ol className="wizard-steps">
            {STEPS.map((s) => (
              <li key={s.id} aria-current={s.id === w.step ? 'step' : undefined}>
                {t(s.label)}
              </li>
            ))}
          </ol>

          {w.step === 'backup' && (
            <div className="wizard-body">
              <input
                placeholder={t('bk.filterTenant')}
                aria-label={t('bk.filterBackups')}
                value={tenantFilter}
                onChange={(e) => setTenantFilter(e.target.value)}
              />
              <ul className="pick-list" role="radiogroup" aria-label={t('bk.pick')}>
                {candidates.map((b) => (
                  <li key={b.id}>
                    <label>
                      <input
                        type="radio"
                        name="backup"
                        checked={w.backupId === b.id}
                        onChange={() =>
                          patchWizard({ backupId: b.id, tenant: b.schemas.length === 1 ? undefined : w.tenant })
                        }
                      />
                      <span className="mono">{b.id}</span> {t(`bk.scope.${b.scope}`)} · {schemasLabel(b.schemas, t)} ·{' '}
                      {t(`bk.reason.${b.reason}`)} · {fmt.bytes(b.bytes)} · {fmt.date(b.createdAt)}
                    </label>
                  </li>
                ))}
                {!candidates.length && <li className="muted">{t('bk.noBackupsMatch')}</li>}
              </ul>
              {needsTenant && (
                <label className="field">
                  {t('bk.tenantFrom', { scope: chosen.scope })}
                  <select
                    aria-label={t('bk.tenantToRestore')}
                    value={w.tenant ?? ''}
                    onChange={(e) => patchWizard({ tenant: e.target.value || undefined })}
                  >
                    <option value="">{t('bk.choose')}</option>
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
                  {t('bk.nextTarget')}
                </button>
              </div>
            </div>
          )}

          {w.step === 'target' && chosen && (
            <div className="wizard-body">
              <p>{t('bk.restoring', { schema: w.tenant ?? chosen.schemas[0], id: chosen.id })}</p>
              <fieldset className="targets">
                <legend>{t('bk.whereTo')}</legend>
                <label>
                  <input
                    type="radio"
                    name="target"
                    checked={w.kind === 'same'}
                    onChange={() => patchWizard({ kind: 'same' })}
                  />{' '}
                  {t('bk.same')}
                </label>
                <label>
                  <input
                    type="radio"
                    name="target"
                    checked={w.kind === 'new'}
                    onChange={() => patchWizard({ kind: 'new' })}
                  />{' '}
                  {t('bk.new')}
                </label>
                {w.kind === 'new' && (
                  <input
                    aria-label={t('bk.newName')}
                    placeholder="tenant_copy"
                    value={w.as}
                    onChange={(e) => patchWizard({ as: e.target.value })}
                  />
                )}
                <label>
                  <input
                    type="radio"
                    name="target"
                    checked={w.kind === 'profile'}
                    onChange={() =>
                      patchWizard({
                        kind: 'profile',
                        toProfileId: w.toProfileId ?? profiles.find((p) => p.id !== profileId)?.id,
                      })
                    }
                  />{' '}
                  {t('bk.otherProfile')}
                </label>
                {w.kind === 'profile' && (
                  <select
                    aria-label={t('bk.targetProfile')}
                    value={w.toProfileId ?? ''}
                    onChange={(e) => patchWizard({ toProfileId: e.target.value })}
                  >
                    {profiles.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({envLabel(t, p.environment)}, {p.database})
                      </option>
                    ))}
                  </select>
                )}
              </fieldset>
              <div className="wizard-nav">
                <button onClick={() => patchWizard({ step: 'backup' })}>{t('bk.back')}</button>
                <button className="primary" disabled={!canCheck} onClick={() => void runPreflight()}>
                  {t('bk.nextPreflight')}
                </button>
              </div>
            </div>
          )}

          {w.step === 'preflight' && (
            <div className="wizard-body">
              {w.checking && <p className="muted">{t('bk.checking')}</p>}
              {w.error && <ErrorBox error={w.error} title={t('bk.preflightFailed')} />}
              {w.preflight && <PreflightView p={w.preflight} />}
              <div className="wizard-nav">
                <button onClick={() => patchWizard({ step: 'target', preflight: undefined, error: undefined })}>
                  {t('bk.back')}
                </button>
                <button
                  className="danger"
                  aria-haspopup="dialog"
                  disabled={!w.preflight?.ok}
                  onClick={() => setReviewing(true)}
                >
                  {t('bk.restoreNow')}
                </button>
              </div>
              {reviewing && w.preflight && (
                <RestoreReview p={w.preflight} onConfirm={startRestore} onClose={() => setReviewing(false)} />
              )}
            </div>
          )}

          {w.step === 'restore' && (
            <div className="wizard-body">
              {job && !w.result && !w.error && (
                <div className="restore-progress">
                  <p>
                    {t('bk.stepNow', { step: job.current ?? t('bk.starting'), state: t(`jobs.state.${job.state}`) })}
                  </p>
                  <ProgressBar done={job.done} total={job.total} label={t('bk.restoreProgress')} />
                </div>
              )}
              {w.error && <ErrorBox error={w.error} title={t('bk.restoreFailed')} />}
              {w.result && (
                <div className="restore-done" role="status">
                  <p className="good">
                    {t('bk.restored', {
                      schema: w.result.targetSchema,
                      mode: w.result.mode,
                      seconds: Math.round(w.result.durationMs / 100) / 10,
                    })}
                  </p>
                  {w.result.safetyBackupId && <p>{t('bk.safety', { id: w.result.safetyBackupId })}</p>}
                  {w.result.asideKept && <p>{t('bk.aside', { schema: w.result.asideKept })}</p>}
                  {w.result.mode === 'scratch' && (
                    <RegisterRestored profileId={w.result.targetProfileId} schema={w.result.targetSchema} />
                  )}
                  <table className="grid">
                    <thead>
                      <tr>
                        <th>{t('bk.col.table')}</th>
                        <th>{t('bk.col.rows')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(w.result.tables).map(([table, n]) => (
                        <tr key={table}>
                          <td className="mono">{table}</td>
                          <td>{fmt.number(n)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
