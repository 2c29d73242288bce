import type { MonitorSnapshot } from '../../stores/monitor';
import { formatBytes, formatDuration, formatGrowth } from './format';

export function SizesTable({ snapshot }: { snapshot: MonitorSnapshot }) {
  const limit = snapshot.thresholds.schemaMb * 1024 * 1024;
  return (
    <table className="grid sizes" aria-label="Size per schema">
      <thead>
        <tr>
          <th>Schema</th>
          <th>Tenant</th>
          <th>Status</th>
          <th className="num">Size</th>
          <th className="num">Growth{snapshot.previousAt ? '' : ' (next look)'}</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.sizes.slice(0, 200).map((s) => (
          <tr key={s.schema} className={s.bytes > limit ? 'over' : undefined}>
            <td className="mono">{s.schema}</td>
            <td>{s.tenant ?? ''}</td>
            <td>
              <span className={`badge status-${s.status}`}>{s.status}</span>
            </td>
            <td className="num">
              {formatBytes(s.bytes)} {s.bytes > limit && <span className="badge alert">over {snapshot.thresholds.schemaMb} MB</span>}
            </td>
            <td className="num">{formatGrowth(s.growthBytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecentWork({ snapshot }: { snapshot: MonitorSnapshot }) {
  return (
    <div className="two-col">
      <section>
        <h2>Recent migrations</h2>
        {snapshot.migrations.length ? (
          <table className="grid">
            <thead>
              <tr>
                <th>Schema</th>
                <th>Migration</th>
                <th>State</th>
                <th className="num">Took</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.migrations.slice(0, 15).map((m) => (
                <tr key={`${m.schema}/${m.name}`}>
                  <td className="mono">{m.schema}</td>
                  <td className="mono">{m.name}</td>
                  <td>{m.state}</td>
                  <td className="num">{m.durationMs === null ? '—' : formatDuration(m.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No migration ledgers found.</p>
        )}
      </section>
      <section>
        <h2>Recent backups</h2>
        {snapshot.backups.length ? (
          <table className="grid">
            <thead>
              <tr>
                <th>Backup</th>
                <th>Scope</th>
                <th className="num">Took</th>
                <th className="num">Size</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.backups.slice(0, 15).map((b) => (
                <tr key={b.id}>
                  <td className="mono">{b.id}</td>
                  <td>{b.scope}</td>
                  <td className="num">{b.durationMs === null ? '—' : formatDuration(b.durationMs)}</td>
                  <td className="num">{b.bytes === null ? '—' : formatBytes(b.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No backups of this profile in the catalog.</p>
        )}
      </section>
    </div>
  );
}
