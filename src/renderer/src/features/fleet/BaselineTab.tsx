import { useState } from 'react';
import { useT } from '../../i18n';
import { tenantNames, useFleet } from '../../stores/fleet';
import type { ErrorData } from '../../../../shared/errors';
import { ReviewDialog } from '../../components/review/ReviewDialog';

/** Adopting a fleet: record migrations as baselined where the structure proves them. */
export function BaselineTab({ profileId }: { profileId: string }) {
  const { baseline, undo, runBaseline, undoBaseline, busy } = useFleet();
  const [to, setTo] = useState('');
  const [tenants, setTenants] = useState('');
  const [reference, setReference] = useState('');
  const [reviewing, setReviewing] = useState<'baseline' | 'undo'>();
  const [refused, setRefused] = useState<ErrorData>();
  const { t } = useT();
  const chosen = tenantNames(tenants);
  const close = () => {
    setReviewing(undefined);
    setRefused(undefined);
  };
  const confirm = (db: string | undefined) =>
    void (
      reviewing === 'undo'
        ? undoBaseline({ tenants: chosen, confirmDatabase: db })
        : runBaseline({ tenants: chosen, confirmDatabase: db, to: to.trim(), reference: reference.trim() || undefined })
    ).then((e) => {
      setRefused(e);
      if (!e) setReviewing(undefined);
    });

  return (
    <div className="fl-panel">
      <p className="muted small">{t('fl.baselineExplain')}</p>
      <form
        className="fl-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setReviewing('baseline');
        }}
      >
        <label>
          {t('fl.upTo')}{' '}
          <input
            value={to}
            onChange={(e) => setTo(e.target.value)}
            placeholder="0006"
            size={6}
            aria-label={t('fl.upToLabel')}
            required
            pattern="\d{1,8}"
          />
        </label>
        <label>
          {t('fl.tenants')}{' '}
          <input
            value={tenants}
            onChange={(e) => setTenants(e.target.value)}
            placeholder={t('fl.everyTenant')}
            aria-label={t('fl.tenants')}
          />
        </label>
        <label>
          {t('fl.fallback')}{' '}
          <input
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            placeholder={t('fl.optionalSchema')}
            aria-label={t('fl.fallback')}
          />
        </label>
        <button className="primary" type="submit" aria-haspopup="dialog" disabled={busy || !to.trim()}>
          {t('fl.baseline')}
        </button>
        <button type="button" aria-haspopup="dialog" disabled={busy} onClick={() => setReviewing('undo')}>
          {t('fl.undoBaseline')}
        </button>
      </form>
      {reviewing && (
        <ReviewDialog
          title={reviewing === 'undo' ? t('review.baseline.undoTitle') : t('review.baseline.title', { to: to.trim() })}
          profileId={profileId}
          steps={[
            reviewing === 'undo'
              ? { key: 'undo', label: t('review.baseline.undoStep') }
              : {
                  key: 'baseline',
                  label: t('review.baseline.step', { to: to.trim() }),
                  detail: reference.trim()
                    ? t('review.baseline.reference', { reference: reference.trim() })
                    : undefined,
                },
          ]}
          tenants={chosen}
          backup={t('review.baseline.noBackup')}
          actionLabel={reviewing === 'undo' ? t('review.baseline.undo') : t('review.baseline.run')}
          busy={busy}
          error={refused}
          onClose={close}
          onConfirm={confirm}
        />
      )}
      {baseline && (
        <div className="fl-result" data-testid="baseline-result">
          <p>
            {t('fl.baselineLine', {
              to: baseline.to,
              count: baseline.migrations.length,
              reference: `${baseline.reference.kind}${baseline.reference.schema && baseline.reference.kind !== 'scratch' ? ` ${baseline.reference.schema}` : ''}`,
            })}{' '}
            <strong className="fl-good">{t('fl.proven', { count: baseline.baselined.length })}</strong> ·{' '}
            <strong className={baseline.refused.length ? 'fl-bad' : ''}>
              {t('fl.refused', { count: baseline.refused.length })}
            </strong>
            {baseline.failed.length > 0 && (
              <strong className="fl-bad">{t('fl.failed', { count: baseline.failed.length })}</strong>
            )}
          </p>
          {baseline.reference.note && <p className="muted small">{baseline.reference.note}</p>}
          {baseline.refused.length > 0 && (
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('fl.col.refused')}</th>
                  <th>{t('fl.col.lacks')}</th>
                </tr>
              </thead>
              <tbody>
                {baseline.refused.map((r) => (
                  <tr key={r.tenant}>
                    <td className="mono">{r.tenant}</td>
                    <td>{r.lacking.join('; ')}</td>
                  </tr>
                ))}
                {baseline.failed.map((r) => (
                  <tr key={r.tenant}>
                    <td className="mono">{r.tenant}</td>
                    <td className="fl-bad">
                      {r.code}: {r.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {undo && (
        <p className="fl-result">
          {undo.removed.length ? t('fl.removed', { count: undo.removed.length }) : t('fl.nothingToRemove')}
        </p>
      )}
    </div>
  );
}
