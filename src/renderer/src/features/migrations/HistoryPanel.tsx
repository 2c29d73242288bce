import { useEffect } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../../i18n';
import { useMigrations } from '../../stores/migrations';

/** Durations per migration (average and worst) and the slowest tenants, from every ledger. */
export function HistoryPanel() {
  const { history, loadHistory } = useMigrations();
  const { t, fmt } = useT();
  useEffect(() => void loadHistory(), [loadHistory]);
  if (!history) return <p className="muted">{t('mg.loadingHistory')}</p>;
  return (
    <section className="history" aria-label={t('mg.history')}>
      <h2>{t('mg.durations')}</h2>
      <div className="chart">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={history.migrations}>
            <CartesianGrid stroke="var(--line)" vertical={false} />
            <XAxis dataKey="name" tick={{ fill: 'var(--muted)', fontSize: 11 }} tickFormatter={(n: string) => n.split('_')[0]} />
            <YAxis tick={{ fill: 'var(--muted)', fontSize: 11 }} />
            <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', color: 'var(--text)' }} />
            <Bar dataKey="avgMs" name={t('mg.average')} fill="#4f8cff" />
            <Bar dataKey="maxMs" name={t('mg.slowest')} fill="#f5a524" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="split-2">
        <div>
          <h2>{t('mg.slowestTenants')}</h2>
          <table className="grid small">
            <thead>
              <tr>
                <th>{t('mg.col.tenant')}</th>
                <th>{t('mg.col.migrations')}</th>
                <th>{t('mg.col.totalMs')}</th>
                <th>{t('mg.col.lastApplied')}</th>
              </tr>
            </thead>
            <tbody>
              {history.slowestTenants.map((tn) => (
                <tr key={tn.schema}>
                  <td className="mono">{tn.schema}</td>
                  <td>{tn.count}</td>
                  <td>{fmt.number(tn.totalMs)}</td>
                  <td className="muted">{fmt.date(tn.lastAppliedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>{t('mg.recent')}</h2>
          <table className="grid small">
            <thead>
              <tr>
                <th>{t('mg.col.when')}</th>
                <th>{t('mg.col.tenant')}</th>
                <th>{t('mg.col.migration')}</th>
                <th>{t('mg.col.ms')}</th>
              </tr>
            </thead>
            <tbody>
              {history.recent.slice(0, 30).map((r) => (
                <tr key={`${r.schema}:${r.name}`} className={r.state === 'failed' ? 'row-failed' : undefined}>
                  <td className="muted">{fmt.date(r.appliedAt)}</td>
                  <td className="mono">{r.schema}</td>
                  <td className="mono">
                    {r.name}
                    {r.state !== 'applied' && <span className="badge">{r.state}</span>}
                  </td>
                  <td>{r.durationMs ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
