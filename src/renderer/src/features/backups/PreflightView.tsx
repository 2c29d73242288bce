import type { Preflight } from '../../../../shared/model/backups';
import { envLabel, useT } from '../../i18n';

/** The preflight report: each check and what will be replaced (the confirmation is the restore's review). */
export function PreflightView({ p }: { p: Preflight }) {
  const { t, fmt } = useT();
  return (
    <div className="preflight">
      <p>
        <b className="mono">{p.source}</b> → <b className="mono">{p.targetSchema}</b> {t('pf.on')} {p.targetProfileName}{' '}
        <span className="badge">{envLabel(t, p.environment)}</span> ({p.database}) — {t(`pf.mode.${p.mode}`)}
      </p>
      <ul className="checks">
        {p.checks.map((c) => (
          <li key={c.name} data-status={c.status}>
            <span className={`check-${c.status}`}>{c.status}</span> <b>{c.name}</b>: {c.detail}
          </li>
        ))}
      </ul>
      {p.replaces.length > 0 && (
        <table className="grid replaces">
          <caption>{t('pf.replaced')}</caption>
          <thead>
            <tr>
              <th>{t('bk.col.table')}</th>
              <th>{t('pf.rowsNow')}</th>
              <th>{t('pf.rowsInBackup')}</th>
            </tr>
          </thead>
          <tbody>
            {p.replaces.map((r) => (
              <tr key={r.table} data-changed={r.rowsNow !== r.rowsInBackup || undefined}>
                <td className="mono">{r.table}</td>
                <td>{r.rowsNow === null || r.rowsNow === undefined ? '—' : fmt.number(r.rowsNow)}</td>
                <td>{r.rowsInBackup === null || r.rowsInBackup === undefined ? '—' : fmt.number(r.rowsInBackup)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
