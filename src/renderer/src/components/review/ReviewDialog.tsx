import { useState, type ReactNode } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import { envLabel, useT } from '../../i18n';
import { useProfiles } from '../../stores/profiles';
import { ErrorBox } from '../ErrorBox';
import { Modal } from '../Modal';
import { EnvironmentConfirm } from './EnvironmentConfirm';
import './review.css';

/** One thing the change will do, in the order it will do it. */
export interface ReviewStep {
  key: string;
  label: ReactNode;
  /** What this step will do, in plain words. */
  detail?: ReactNode;
  /** Why it is destructive (empty or absent when it is not). */
  destructive?: string[];
  badges?: string[];
}

export interface ReviewProps {
  title: string;
  profileId: string;
  intro?: ReactNode;
  steps: ReviewStep[];
  /** The tenants it runs on; `undefined` says "every tenant", an empty list "none". */
  tenants?: string[];
  /** Said instead of the tenant list when the change is not per tenant. */
  scope?: ReactNode;
  /** The backup taken before, or why none is. */
  backup: ReactNode;
  extra?: ReactNode;
  /** A second word to type, e.g. the schema name before a drop. */
  requireText?: { label: string; value: string };
  /** A box to tick before the button works (destructive statements reviewed). */
  acknowledge?: string;
  actionLabel: string;
  busy?: boolean;
  loading?: boolean;
  error?: ErrorData;
  /** Blocks the confirmation, saying why (nothing to apply, a drifted file…). */
  blocked?: string;
  /** Nothing in the database changes (a backup, a verification): a plain button on any environment. */
  readOnly?: boolean;
  onConfirm(confirmDatabase: string | undefined): void;
  onClose(): void;
}

const SHOW_TENANTS = 12;

/**
 * The one review every data-changing flow goes through: what will run and in which order, on
 * which tenants, what is destructive, the backup taken first; then one confirmation matched to the
 * profile's environment. It is a dialog of its own, so a refusal is shown here and nowhere else.
 */
export function ReviewDialog(p: ReviewProps) {
  const { t } = useT();
  const profile = useProfiles((s) => s.profiles.find((x) => x.id === p.profileId));
  const [typed, setTyped] = useState('');
  const [ack, setAck] = useState(false);
  const environment = profile?.environment ?? 'local';
  const destructive = p.steps.flatMap((s) => s.destructive ?? []);
  const extraReady = (!p.requireText || typed === p.requireText.value) && (!p.acknowledge || ack);
  return (
    <Modal label={p.title} onClose={p.onClose} className={`review env-${environment}`}>
      <div className="review-body" data-testid="review">
        <header className="review-head">
          <h2>{p.title}</h2>
          <span className={`badge review-env env-${environment}`}>
            {envLabel(t, environment)} · <span className="mono">{profile?.database ?? ''}</span>
          </span>
        </header>
        {p.intro && <div className="review-intro">{p.intro}</div>}
        {p.loading ? (
          <p className="muted">{t('review.loading')}</p>
        ) : (
          <>
            <h3>{t('review.whatRuns')}</h3>
            <ol className="review-steps" aria-label={t('review.whatRuns')}>
              {p.steps.map((s) => (
                <li
                  key={s.key}
                  data-testid="review-step"
                  className={s.destructive?.length ? 'review-destructive' : undefined}
                >
                  <span className="review-step-label">{s.label}</span>
                  {s.badges?.map((b) => (
                    <span key={b} className="badge">
                      {b}
                    </span>
                  ))}
                  {s.destructive?.map((d) => (
                    <span key={d} className="badge badge-danger" title={d}>
                      {t('review.destructiveBadge')}: {d}
                    </span>
                  ))}
                  {s.detail && <div className="muted small">{s.detail}</div>}
                </li>
              ))}
              {p.steps.length === 0 && <li className="muted">{t('review.nothing')}</li>}
            </ol>
            <h3>{t('review.where')}</h3>
            <TenantList tenants={p.tenants} scope={p.scope} />
            <h3>{t('review.backup')}</h3>
            <p data-testid="review-backup">{p.backup}</p>
            {destructive.length > 0 && (
              <p className="danger-text" role="note">
                {t('review.destructive', { count: destructive.length })}
              </p>
            )}
            {p.extra}
          </>
        )}
        {p.error && <ErrorBox error={p.error} />}
        {p.blocked && <p className="danger-text">{p.blocked}</p>}
        {p.requireText && (
          <label className="field">
            <span>{p.requireText.label}</span>
            <input
              className="mono"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-label={p.requireText.label}
            />
          </label>
        )}
        {p.acknowledge && (
          <label className="check">
            <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> {p.acknowledge}
          </label>
        )}
        <EnvironmentConfirm
          environment={p.readOnly ? 'local' : environment}
          database={profile?.database ?? ''}
          actionLabel={p.actionLabel}
          disabled={Boolean(p.busy || p.loading || p.blocked) || !extraReady}
          onConfirm={p.onConfirm}
          onCancel={p.onClose}
        />
      </div>
    </Modal>
  );
}

function TenantList({ tenants, scope }: { tenants?: string[]; scope?: ReactNode }) {
  const { t } = useT();
  if (scope) return <p data-testid="review-tenants">{scope}</p>;
  if (!tenants) return <p data-testid="review-tenants">{t('review.everyTenant')}</p>;
  const shown = tenants.slice(0, SHOW_TENANTS);
  return (
    <div data-testid="review-tenants">
      <p>{t('review.tenants', { count: tenants.length })}</p>
      {tenants.length > 0 && (
        <ul className="review-tenants mono small">
          {shown.map((x) => (
            <li key={x} title={x}>
              {x}
            </li>
          ))}
          {tenants.length > shown.length && (
            <li className="muted">{t('review.andMore', { count: tenants.length - shown.length })}</li>
          )}
        </ul>
      )}
    </div>
  );
}
