import { useT } from '../../i18n';
import type { MonitorSnapshot } from '../../stores/monitor';
import { formatDuration, formatGrowth } from './format';

export function SizesTable({ snapshot }: { snapshot: MonitorSnapshot }) {
  const limit = snapshot.thresholds.schemaMb * 1024 * 1024;
  const { t, fmt } = useT();
  return (
    <table className="grid sizes" aria-label={t('mon.sizes')}>
      <thead>
        <tr>
          <th>{t('mon.col.schema')}</th>
          <th>{t('mon.col.tenant')}</th>
          <th>{t('mon.col.status')}</th>
          <th className="num">{t('mon.col.size')}</th>
          <th className="num">{snapshot.previousAt ? t('mon.col.growth') : t('mon.col.growthNext')}</th>
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
              {fmt.bytes(s.bytes)}{' '}
              {s.bytes > limit && (
                <span className="badge alert">{t('mon.over', { mb: snapshot.thresholds.schemaMb })}</span>
              )}
            </td>
            <td className="num">{formatGrowth(s.growthBytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecentWork({ snapshot }: { snapshot: MonitorSnapshot }) {
  const { t, fmt } = useT();
  return (
    <div className="two-col">
      <section>
        <h2>{t('mon.recentMigrations')}</h2>
        {snapshot.migrations.length ? (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('mon.col.schema')}</th>
                <th>{t('mon.col.migration')}</th>
                <th>{t('mon.col.state')}</th>
                <th className="num">{t('mon.col.took')}</th>
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
          <p className="muted">{t('mon.noLedgers')}</p>
        )}
      </section>
      <section>
        <h2>{t('mon.recentBackups')}</h2>
        {snapshot.backups.length ? (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('mon.col.backup')}</th>
                <th>{t('mon.col.scope')}</th>
                <th className="num">{t('mon.col.took')}</th>
                <th className="num">{t('mon.col.size')}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.backups.slice(0, 15).map((b) => (
                <tr key={b.id}>
                  <td className="mono">{b.id}</td>
                  <td>{b.scope}</td>
                  <td className="num">{b.durationMs === null ? '—' : formatDuration(b.durationMs)}</td>
                  <td className="num">{b.bytes === null ? '—' : fmt.bytes(b.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t('mon.noBackups')}</p>
        )}
      </section>
    </div>
  );
}
