import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import type { TenantRow } from '../../../../shared/model/tenants';
import { api } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';
import { useTenants } from '../../stores/tenants';
import { StatusBadge } from './TenantTable';

/** One tenant: what the registry and the catalog say, and what can be done about it. */
export function TenantDetail({ profileId, tenant, canSuspend }: { profileId: string; tenant: TenantRow; canSuspend: boolean }) {
  const act = useTenants((s) => s.act);
  const [error, setError] = useState<ErrorData>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [confirmDb, setConfirmDb] = useState('');
  const [adoptName, setAdoptName] = useState('');
  const { t, fmt } = useT();

  async function run(label: string, work: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    const res = await act(work);
    setBusy(false);
    if (res.ok) setNotice(label);
    else setError(res.error);
  }

  const db = confirmDb || undefined;
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
        <dd>{tenant.behind === null ? t('tn.unknown') : tenant.behind === 0 ? t('tn.upToDate') : t('tn.behindBy', { count: tenant.behind })}</dd>
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
            <button disabled={busy} onClick={() => run(t('tn.suspended'), () => api().invoke('tenants.setStatus', { profileId, schema: tenant.schema, status: 'suspended', confirmDatabase: db }))}>
              {t('tn.suspend')}
            </button>
          )}
          {canSuspend && tenant.status === 'suspended' && (
            <button disabled={busy} onClick={() => run(t('tn.reactivated'), () => api().invoke('tenants.setStatus', { profileId, schema: tenant.schema, status: 'active', confirmDatabase: db }))}>
              {t('tn.reactivate')}
            </button>
          )}
          {tenant.status === 'missing' && (
            <button className="danger" disabled={busy} onClick={() => run(t('tn.forgotten'), () => api().invoke('tenants.forget', { profileId, schema: tenant.schema, confirmDatabase: db }))}>
              {t('tn.forget')}
            </button>
          )}
          {tenant.status !== 'missing' && (
            <button className="danger" disabled={busy} onClick={() => setDropping((d) => !d)}>
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
            void run(t('tn.adopted'), () => api().invoke('tenants.adopt', { profileId, schema: tenant.schema, name: adoptName.trim() || undefined, confirmDatabase: db }));
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
      {dropping && (
        <div className="confirm t-drop" role="alertdialog" aria-label={t('tn.confirmDrop')}>
          <p>
            {t('tn.dropExplain', { schema: tenant.schema })}
          </p>
          <input aria-label={t('tn.typeSchema')} value={confirm} onChange={(e) => setConfirm(e.target.value)} className="mono" />
          <input aria-label={t('tn.dbName')} value={confirmDb} onChange={(e) => setConfirmDb(e.target.value)} placeholder={t('tn.dbPlaceholder')} />
          <button className="danger" disabled={busy || confirm !== tenant.schema} onClick={() => run(t('tn.dropped'), () => api().invoke('tenants.drop', { profileId, schema: tenant.schema, confirm, confirmDatabase: db }))}>
            {t('tn.dropNow', { schema: tenant.schema })}
          </button>
        </div>
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
