import type { Preflight } from '../../../../shared/model/backups';

/** The preflight report: each check, what will be replaced, and the production confirmation. */
export function PreflightView({ p, confirm, onConfirm }: { p: Preflight; confirm: string; onConfirm(v: string): void }) {
  return (
    <div className="preflight">
      <p>
        <b className="mono">{p.source}</b> → <b className="mono">{p.targetSchema}</b> on {p.targetProfileName} <span className="badge">{p.environment}</span> ({p.database}) —{' '}
        {p.mode === 'swap' ? 'swap with the live schema' : p.mode === 'create' ? 'create the schema' : 'via a scratch database'}
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
          <caption>What will be replaced</caption>
          <thead>
            <tr>
              <th>Table</th>
              <th>Rows now</th>
              <th>Rows in backup</th>
            </tr>
          </thead>
          <tbody>
            {p.replaces.map((r) => (
              <tr key={r.table} data-changed={r.rowsNow !== r.rowsInBackup || undefined}>
                <td className="mono">{r.table}</td>
                <td>{r.rowsNow ?? '—'}</td>
                <td>{r.rowsInBackup ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.needsConfirmation && (
        <label className="field">
          Production: type the database name <b className="mono">{p.database}</b> to confirm
          <input aria-label="Confirm database name" value={confirm} onChange={(e) => onConfirm(e.target.value)} />
        </label>
      )}
    </div>
  );
}
