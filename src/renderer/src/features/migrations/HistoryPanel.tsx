import { useEffect } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { middleCut } from '../../components/MiddleEllipsis';
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
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={history.migrations} margin={{ top: 4, right: 16, left: 8, bottom: 8 }}>
            <CartesianGrid stroke="var(--line)" vertical={false} />
            {/* The whole file name (cut in the middle), slanted: two files may share a number (public's 0001 and the tenants' 0001). */}
            <XAxis
              dataKey="name"
              interval={0}
              angle={-25}
              textAnchor="end"
              height={64}
              tick={{ fill: 'var(--muted)', fontSize: 11 }}
              tickFormatter={(n: string) => middleCut(n, 20)}
            />
            <YAxis
              width={64}
              tick={{ fill: 'var(--muted)', fontSize: 11 }}
              tickFormatter={(v: number) => fmt.number(v)}
              label={{ value: t('mg.axisMs'), angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 11 }}
            />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12, color: 'var(--muted)' }} />
            <Tooltip
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', color: 'var(--text)' }}
            />
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
                    {r.state !== 'applied' && (
                      <span className="badge">
                        {r.state === 'failed'
                          ? t('mg.cell.failed')
                          : r.state === 'baselined'
                            ? t('mg.ledger.baselined')
                            : r.state}
                      </span>
                    )}
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
