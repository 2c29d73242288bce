import { useEffect } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMigrations } from '../../stores/migrations';

/** Durations per migration (average and worst) and the slowest tenants, from every ledger. */
export function HistoryPanel() {
  const { history, loadHistory } = useMigrations();
  useEffect(() => void loadHistory(), [loadHistory]);
  if (!history) return <p className="muted">Loading history…</p>;
  return (
    <section className="history" aria-label="History">
      <h2>Duration per migration (ms)</h2>
      <div className="chart">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={history.migrations}>
            <CartesianGrid stroke="#2b323c" vertical={false} />
            <XAxis dataKey="name" tick={{ fill: '#8c96a3', fontSize: 11 }} tickFormatter={(n: string) => n.split('_')[0]} />
            <YAxis tick={{ fill: '#8c96a3', fontSize: 11 }} />
            <Tooltip contentStyle={{ background: '#181c22', border: '1px solid #2b323c' }} />
            <Bar dataKey="avgMs" name="average" fill="#4f8cff" />
            <Bar dataKey="maxMs" name="slowest" fill="#f5a524" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="split-2">
        <div>
          <h2>Slowest tenants</h2>
          <table className="grid small">
            <thead>
              <tr>
                <th>tenant</th>
                <th>migrations</th>
                <th>total ms</th>
                <th>last applied</th>
              </tr>
            </thead>
            <tbody>
              {history.slowestTenants.map((t) => (
                <tr key={t.schema}>
                  <td className="mono">{t.schema}</td>
                  <td>{t.count}</td>
                  <td>{t.totalMs}</td>
                  <td className="muted">{t.lastAppliedAt?.slice(0, 19).replace('T', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>Recent</h2>
          <table className="grid small">
            <thead>
              <tr>
                <th>when</th>
                <th>tenant</th>
                <th>migration</th>
                <th>ms</th>
              </tr>
            </thead>
            <tbody>
              {history.recent.slice(0, 30).map((r) => (
                <tr key={`${r.schema}:${r.name}`} className={r.state === 'failed' ? 'row-failed' : undefined}>
                  <td className="muted">{r.appliedAt.slice(0, 19).replace('T', ' ')}</td>
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
