import { useEffect } from 'react';
import { useFleet } from '../../stores/fleet';

function mark(usage: boolean, create: boolean): string {
  return [usage ? 'U' : '', create ? 'C' : ''].join('') || '·';
}

/** Roles × schemas (U = USAGE, C = CREATE) and the row-level-security policies per table. */
export function PrivilegesTab() {
  const { privileges: view, loadPrivileges, busy } = useFleet();
  useEffect(() => {
    if (!useFleet.getState().privileges) void loadPrivileges();
  }, [loadPrivileges]);
  if (!view) return <p className="muted">{busy ? 'Reading grants…' : ''}</p>;
  const roles = view.roles.filter((r) => view.schemas.some((s) => s.grants.some((g) => g.role === r.name)));
  return (
    <div className="fl-panel">
      <div className="fl-bar">
        <span className="muted small">
          Connected as <span className="mono">{view.currentUser}</span>. U = USAGE, C = CREATE; owners and superusers have both.
          {view.truncated && ' Only the first schemas are shown.'}
        </span>
        <button onClick={() => void loadPrivileges()} disabled={busy}>
          Refresh
        </button>
      </div>
      <div className="fl-scroll">
        <table className="grid fl-matrix" aria-label="Grants by role and schema">
          <thead>
            <tr>
              <th>Schema</th>
              <th>Owner</th>
              {roles.map((r) => (
                <th key={r.name} className="mono" title={[r.superuser && 'superuser', r.bypassRls && 'bypasses RLS', r.login && 'can log in'].filter(Boolean).join(', ')}>
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
      <h3>Row-level security</h3>
      {view.rls.length === 0 && <p className="muted">No table in these schemas has row-level security or policies.</p>}
      {view.rls.length > 0 && (
        <table className="grid" aria-label="Row-level security policies">
          <thead>
            <tr>
              <th>Table</th>
              <th>RLS</th>
              <th>Policy</th>
              <th>Command</th>
              <th>Roles</th>
              <th>Using / check</th>
            </tr>
          </thead>
          <tbody>
            {view.rls.flatMap((t) =>
              (t.policies.length ? t.policies : [null]).map((p, i) => (
                <tr key={`${t.schema}.${t.table}.${p?.name ?? i}`}>
                  <td className="mono">
                    {t.schema}.{t.table}
                  </td>
                  <td>{t.enabled ? (t.forced ? 'on (forced)' : 'on') : 'off'}</td>
                  <td className="mono">{p ? `${p.name}${p.permissive ? '' : ' (restrictive)'}` : '—'}</td>
                  <td>{p?.command ?? ''}</td>
                  <td className="mono">{p?.roles.join(', ') ?? ''}</td>
                  <td className="mono">{p ? [p.using, p.check && `check ${p.check}`].filter(Boolean).join(' · ') : 'no policy: only owners see rows'}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
