import { useEffect } from 'react';
import { useT } from '../../i18n';
import { useFleet } from '../../stores/fleet';

function mark(usage: boolean, create: boolean): string {
  return [usage ? 'U' : '', create ? 'C' : ''].join('') || '·';
}

/** Roles × schemas (U = USAGE, C = CREATE) and the row-level-security policies per table. */
export function PrivilegesTab() {
  const { privileges: view, loadPrivileges, busy } = useFleet();
  const { t } = useT();
  useEffect(() => {
    if (!useFleet.getState().privileges) void loadPrivileges();
  }, [loadPrivileges]);
  if (!view) return <p className="muted">{busy ? t('fl.readingGrants') : ''}</p>;
  const roles = view.roles.filter((r) => view.schemas.some((s) => s.grants.some((g) => g.role === r.name)));
  return (
    <div className="fl-panel">
      <div className="fl-bar">
        <span className="muted small">
          {t('fl.connectedAs', { user: view.currentUser })}
          {view.truncated && t('fl.truncated')}
        </span>
        <button onClick={() => void loadPrivileges()} disabled={busy}>
          {t('common.refresh')}
        </button>
      </div>
      <div className="fl-scroll">
        <table className="grid fl-matrix" aria-label={t('fl.grants')}>
          <thead>
            <tr>
              <th>{t('fl.col.schema')}</th>
              <th>{t('fl.col.owner')}</th>
              {roles.map((r) => (
                <th
                  key={r.name}
                  className="mono"
                  title={[
                    r.superuser && t('fl.role.superuser'),
                    r.bypassRls && t('fl.role.bypassRls'),
                    r.login && t('fl.role.login'),
                  ]
                    .filter(Boolean)
                    .join(', ')}
                >
                  {r.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.schemas.map((s) => (
              <tr key={s.schema}>
                <td className="mono">{s.schema}</td>
                <td className="mono">{s.owner}</td>
                {roles.map((r) => {
                  const g = s.grants.find((x) => x.role === r.name);
                  return (
                    <td key={r.name} className={g ? 'fl-granted' : 'muted'}>
                      {mark(Boolean(g?.usage), Boolean(g?.create))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('fl.rls')}</h3>
      {view.rls.length === 0 && <p className="muted">{t('fl.noRls')}</p>}
      {view.rls.length > 0 && (
        <table className="grid" aria-label={t('fl.policies')}>
          <thead>
            <tr>
              <th>{t('fl.col.table')}</th>
              <th>RLS</th>
              <th>{t('fl.col.policy')}</th>
              <th>{t('fl.col.command')}</th>
              <th>{t('fl.col.roles')}</th>
              <th>{t('fl.col.using')}</th>
            </tr>
          </thead>
          <tbody>
            {view.rls.flatMap((tb) =>
              (tb.policies.length ? tb.policies : [null]).map((p, i) => (
                <tr key={`${tb.schema}.${tb.table}.${p?.name ?? i}`}>
                  <td className="mono">
                    {tb.schema}.{tb.table}
                  </td>
                  <td>{tb.enabled ? (tb.forced ? t('fl.onForced') : t('fl.on')) : t('fl.off')}</td>
                  <td className="mono">{p ? (p.permissive ? p.name : t('fl.restrictive', { name: p.name })) : '—'}</td>
                  <td>{p?.command ?? ''}</td>
                  <td className="mono">{p?.roles.join(', ') ?? ''}</td>
                  <td className="mono">
                    {p
                      ? [p.using, p.check && t('fl.policyCheck', { check: p.check })].filter(Boolean).join(' · ')
                      : t('fl.noPolicy')}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
