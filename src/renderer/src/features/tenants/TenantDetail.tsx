import { useState } from 'react';
import type { ErrorData } from '../../../../shared/errors';
import type { TenantRow } from '../../../../shared/model/tenants';
import { api } from '../../api/client';
import { ErrorBox } from '../../components/ErrorBox';
import { useTenants } from '../../stores/tenants';
import { StatusBadge } from './TenantTable';
import { formatBytes, formatDate } from './format';

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
    <section className="tenant-detail" aria-label={`Tenant ${tenant.schema}`}>
      <h2 className="ellipsis" title={tenant.name}>
        {tenant.name}
      </h2>
      <p className="mono small">{tenant.schema}</p>
      <dl className="report">
        <dt>State</dt>
        <dd>
          <StatusBadge row={tenant} />
        </dd>
        <dt>Behind</dt>
        <dd>{tenant.behind === null ? 'unknown' : tenant.behind === 0 ? 'up to date' : `${tenant.behind} migrations`}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(tenant.sizeBytes)} · {tenant.tables ?? '–'} tables
        </dd>
        <dt>Last backup</dt>
        <dd>{formatDate(tenant.lastBackupAt)}</dd>
        <dt>Domains</dt>
        <dd>{tenant.domains.length ? tenant.domains.join(', ') : <span className="muted">none</span>}</dd>
        {Object.entries(tenant.extra).map(([k, v]) => (
          <FragmentRow key={k} label={k} value={v === null ? '–' : String(v)} />
        ))}
      </dl>
      {notice && <p className="t-notice">{notice}</p>}
      {error && <ErrorBox error={error} />}
      {!tenant.shared && (
        <div className="actions">
          {canSuspend && tenant.status === 'active' && (
            <button disabled={busy} onClick={() => run('Suspended.', () => api().invoke('tenants.setStatus', { profileId, schema: tenant.schema, status: 'suspended', confirmDatabase: db }))}>
              Suspend
            </button>
          )}
          {canSuspend && tenant.status === 'suspended' && (
            <button disabled={busy} onClick={() => run('Reactivated.', () => api().invoke('tenants.setStatus', { profileId, schema: tenant.schema, status: 'active', confirmDatabase: db }))}>
              Reactivate
            </button>
          )}
          {tenant.status === 'missing' && (
            <button className="danger" disabled={busy} onClick={() => run('Registry row removed.', () => api().invoke('tenants.forget', { profileId, schema: tenant.schema, confirmDatabase: db }))}>
              Remove registry row
            </button>
          )}
          {tenant.status !== 'missing' && (
            <button className="danger" disabled={busy} onClick={() => setDropping((d) => !d)}>
              Drop…
            </button>
          )}
        </div>
      )}
      {tenant.status === 'orphan' && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run('Adopted into the registry.', () => api().invoke('tenants.adopt', { profileId, schema: tenant.schema, name: adoptName.trim() || undefined, confirmDatabase: db }));
          }}
        >
          <label className="field">
            <span>Display name for the registry</span>
            <input value={adoptName} onChange={(e) => setAdoptName(e.target.value)} placeholder={tenant.schema} />
          </label>
          <button className="primary" disabled={busy} type="submit">
            Adopt orphan
          </button>
        </form>
      )}
      {dropping && (
        <div className="confirm t-drop" role="alertdialog" aria-label="Confirm drop">
          <p>
            Drops schema <code>{tenant.schema}</code> and its registry rows after a fresh backup. Type the schema name to confirm.
          </p>
          <input aria-label="Type the schema name" value={confirm} onChange={(e) => setConfirm(e.target.value)} className="mono" />
          <input aria-label="Database name (production only)" value={confirmDb} onChange={(e) => setConfirmDb(e.target.value)} placeholder="database name (production)" />
          <button className="danger" disabled={busy || confirm !== tenant.schema} onClick={() => run('Dropped after a backup.', () => api().invoke('tenants.drop', { profileId, schema: tenant.schema, confirm, confirmDatabase: db }))}>
            Drop {tenant.schema}
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
