import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import type { TenantRow } from '../../../../shared/model/tenants';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';
import { useTenants } from '../../stores/tenants';
import { StatusBadge } from './TenantTable';
import { TenantChangeReview, type TenantChange } from './TenantChangeReview';

/** One tenant: what the registry and the catalog say, and what can be done about it. */
export function TenantDetail({
  profileId,
  tenant,
  canSuspend,
}: {
  profileId: string;
  tenant: TenantRow;
  canSuspend: boolean;
}) {
  const act = useTenants((s) => s.act);
  const [error, setError] = useState<ErrorData>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [reviewing, setReviewing] = useState<TenantChange>();
  const [adoptName, setAdoptName] = useState('');
  const { t, fmt } = useT();

  /** Runs a reviewed change; a refusal stays in its review (returned), success closes it with a notice. */
  async function run(label: string, work: () => Promise<unknown>): Promise<ErrorData | undefined> {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    const res = await act(work);
    setBusy(false);
    if (!res.ok) return res.error;
    setNotice(label);
    setReviewing(undefined);
    return undefined;
  }

  return (
    <section className="tenant-detail" aria-label={t('tn.detail', { schema: tenant.schema })}>
      <h2 className="ellipsis" title={tenant.name}>
        {tenant.name}
      </h2>
      <p className="mono small">{tenant.schema}</p>
      <dl className="report">
        <dt>{t('tn.col.state')}</dt>
        <dd>
          <StatusBadge row={tenant} />
        </dd>
        <dt>{t('tn.col.behind')}</dt>
        <dd>
          {tenant.behind === null
            ? t('tn.unknown')
            : tenant.behind === 0
              ? t('tn.upToDate')
              : t('tn.behindBy', { count: tenant.behind })}
        </dd>
        <dt>{t('tn.col.size')}</dt>
        <dd>{t('tn.sizeTables', { size: fmt.bytes(tenant.sizeBytes), tables: tenant.tables ?? '–' })}</dd>
        <dt>{t('tn.col.lastBackup')}</dt>
        <dd>{fmt.date(tenant.lastBackupAt, t('common.never'))}</dd>
        <dt>{t('tn.col.domains')}</dt>
        <dd>{tenant.domains.length ? tenant.domains.join(', ') : <span className="muted">{t('tn.none')}</span>}</dd>
        {Object.entries(tenant.extra).map(([k, v]) => (
          <FragmentRow key={k} label={k} value={v === null ? '–' : String(v)} />
        ))}
      </dl>
      {notice && <p className="t-notice">{notice}</p>}
      {error && <ErrorBox error={error} />}
      {!tenant.shared && (
        <div className="actions">
          {canSuspend && tenant.status === 'active' && (
            <button disabled={busy} aria-haspopup="dialog" onClick={() => setReviewing('suspend')}>
              {t('tn.suspend')}
            </button>
          )}
          {canSuspend && tenant.status === 'suspended' && (
            <button disabled={busy} aria-haspopup="dialog" onClick={() => setReviewing('reactivate')}>
              {t('tn.reactivate')}
            </button>
          )}
          {tenant.status === 'missing' && (
            <button className="danger" disabled={busy} aria-haspopup="dialog" onClick={() => setReviewing('forget')}>
              {t('tn.forget')}
            </button>
          )}
          {tenant.status !== 'missing' && (
            <button className="danger" disabled={busy} aria-haspopup="dialog" onClick={() => setReviewing('drop')}>
              {t('tn.drop')}
            </button>
          )}
        </div>
      )}
      {tenant.status === 'orphan' && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            setReviewing('adopt');
          }}
        >
          <label className="field">
            <span>{t('tn.adoptName')}</span>
            <input value={adoptName} onChange={(e) => setAdoptName(e.target.value)} placeholder={tenant.schema} />
          </label>
          <button className="primary" disabled={busy} type="submit">
            {t('tn.adopt')}
          </button>
        </form>
      )}
      {reviewing && (
        <TenantChangeReview
          profileId={profileId}
          tenant={tenant}
          change={reviewing}
          adoptName={adoptName.trim() || undefined}
          busy={busy}
          run={run}
          onClose={() => setReviewing(undefined)}
        />
      )}
    </section>
  );
}

function FragmentRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
