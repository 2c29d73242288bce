import { useState } from 'react';
import type { Environment } from '../../../../shared/model/profile';
import { useT } from '../../i18n';

/**
 * The confirmation the environment asks for, once: local a button, staging a button naming the
 * database, production the database name typed (the value the core checks, CLI --confirm-database).
 */
export function EnvironmentConfirm({
  environment,
  database,
  actionLabel,
  disabled,
  onConfirm,
  onCancel,
}: {
  environment: Environment;
  database: string;
  actionLabel: string;
  disabled: boolean;
  onConfirm(confirmDatabase: string | undefined): void;
  onCancel(): void;
}) {
  const { t } = useT();
  const [typed, setTyped] = useState('');
  const production = environment === 'production';
  const label = environment === 'local' ? actionLabel : t('review.onDatabase', { action: actionLabel, database });
  const ready = !disabled && (!production || typed === database);
  return (
    <form
      className="review-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onConfirm(environment === 'local' ? undefined : production ? typed : database);
      }}
    >
      {production && (
        <label className="field">
          <span>{t('review.typeDatabase', { database })}</span>
          <input
            className="mono"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
            aria-label={t('review.databaseName')}
          />
        </label>
      )}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className={environment === 'local' ? 'primary' : 'danger'} disabled={!ready}>
          {label}
        </button>
      </div>
    </form>
  );
}
