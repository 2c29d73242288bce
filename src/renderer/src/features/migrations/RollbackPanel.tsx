import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { ReviewDialog } from '../../components/review/ReviewDialog';
import { useT } from '../../i18n';
import { useApp } from '../../stores/app';
import { useMigrations } from '../../stores/migrations';
import { useProfiles } from '../../stores/profiles';

/** Undo a migration (and every newer one) on chosen tenants with the down files, newest first. */
export function RollbackPanel() {
  const { t } = useT();
  const { status, rollback, jobId } = useMigrations();
  const activeProfileId = useApp((s) => s.activeProfileId);
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === activeProfileId));
  const applied = status ? [...new Set(status.tenants.flatMap((x) => x.applied))].sort() : [];
  const [name, setName] = useState('');
  const [tenants, setTenants] = useState<string[]>([]);
  const [reviewing, setReviewing] = useState(false);
  const [error, setError] = useState<ErrorData>();
  const holders =
    status?.tenants.filter((x) => !x.shared && name && x.applied.includes(name)).map((x) => x.schema) ?? [];
  // Tenants already rolled back drop out of the choice when the status reloads.
  const chosen = tenants.filter((x) => holders.includes(x));
  // What the rollback undoes, newest first: the chosen migration and every newer one a chosen tenant has applied.
  const undone = [
    ...new Set(
      status?.tenants.filter((x) => chosen.includes(x.schema)).flatMap((x) => x.applied.filter((m) => m >= name)) ?? [],
    ),
  ]
    .sort()
    .reverse();
  const toggle = (schema: string) =>
    setTenants((list) => (list.includes(schema) ? list.filter((s) => s !== schema) : [...list, schema]));
  return (
    <section className="rollback-panel" aria-label={t('mg.rollback')}>
      <p className="muted small">{t('mg.rollback.explain')}</p>
      <label className="field">
        <span>{t('mg.rollback.migration')}</span>
        <select
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setTenants([]);
          }}
          aria-label={t('mg.rollback.migration')}
        >
          <option value="">—</option>
          {applied.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      {name && (
        <fieldset className="rollback-tenants">
          <legend>{t('mg.rollback.tenants', { n: holders.length })}</legend>
          <button
            type="button"
            className="ghost small"
            onClick={() => setTenants(chosen.length === holders.length ? [] : holders)}
          >
            {chosen.length === holders.length ? t('mg.rollback.none') : t('mg.rollback.all')}
          </button>
          <div className="rollback-list">
            {holders.map((schema) => (
              <label key={schema} className="check mono small">
                <input type="checkbox" checked={tenants.includes(schema)} onChange={() => toggle(schema)} /> {schema}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="actions">
        <button
          className="danger"
          aria-haspopup="dialog"
          disabled={!name || !chosen.length || Boolean(jobId)}
          onClick={() => setReviewing(true)}
        >
          {t('mg.rollback.run', { name: name || '…', n: chosen.length })}
        </button>
      </div>
      {reviewing && profile && (
        <ReviewDialog
          title={t('review.rollback.title', { name })}
          profileId={profile.id}
          intro={<p className="muted small">{t('review.rollback.explain')}</p>}
          steps={undone.map((m) => ({
            key: m,
            label: t('review.rollback.step', { name: m }),
            destructive: [t('review.rollback.downFile')],
          }))}
          tenants={chosen}
          backup={t('review.noBackup')}
          actionLabel={t('review.rollback.run')}
          error={error}
          onClose={() => {
            setReviewing(false);
            setError(undefined);
          }}
          onConfirm={(db) =>
            void rollback(name, chosen, db).then((e) => {
              setError(e);
              if (!e) setReviewing(false);
            })
          }
        />
      )}
    </section>
  );
}
