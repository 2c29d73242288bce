import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { middleCut } from '../../components/MiddleEllipsis';
import { useT } from '../../i18n';
import type { MonitorPoint, MonitorSnapshot } from '../../stores/monitor';

// CSS variables, so the charts follow the light and dark themes.
const AXIS = { stroke: 'var(--muted)', fill: 'var(--muted)', fontSize: 11 };
const TOOLTIP = {
  contentStyle: { background: 'var(--panel-2)', border: '1px solid var(--line)', color: 'var(--text)' },
};
const GRID = 'var(--line)';
const STATE_COLORS: Record<string, string> = {
  active: '#4f8cff',
  idle: '#30a46c',
  'idle in transaction': '#f5a524',
  hidden: '#8c96a3',
};

function Panel({ title, children, label }: { title: string; label: string; children: React.ReactNode }) {
  return (
    <figure className="chart-panel" aria-label={label}>
      <figcaption>{title}</figcaption>
      <div className="chart-box">{children}</div>
    </figure>
  );
}

/** The monitor's charts: largest schemas, connections by state, the server over time, migration durations. */
export function MonitorCharts({ snapshot, history }: { snapshot: MonitorSnapshot; history: MonitorPoint[] }) {
  const limitBytes = snapshot.thresholds.schemaMb * 1024 * 1024;
  const { t, fmt } = useT();
  const num = (v: number) => fmt.number(v);
  const top = snapshot.sizes
    .slice(0, 10)
    .map((s) => ({ name: s.tenant ?? s.schema, mb: s.bytes / (1024 * 1024), over: s.bytes > limitBytes }));
  const states = snapshot.connections.byState.map((s) => ({ name: s.key, count: s.count }));
  const points = history.map((p) => ({ ...p, time: fmt.time(p.at) }));
  const migrations = snapshot.migrations
    .filter((m) => m.durationMs !== null)
    .slice(0, 20)
    .reverse()
    .map((m) => ({ name: `${m.schema.slice(0, 18)} ${m.name.slice(0, 14)}`, ms: m.durationMs ?? 0 }));
  return (
    <div className="chart-grid">
      <Panel title={t('mon.chart.largest')} label={t('mon.chart.largestLabel')}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={top} layout="vertical" margin={{ top: 8, left: 8, right: 24, bottom: 4 }}>
            <CartesianGrid stroke={GRID} horizontal={false} />
            <XAxis type="number" tick={AXIS} stroke={AXIS.stroke} tickFormatter={num} />
            <YAxis
              type="category"
              dataKey="name"
              width={190}
              tick={AXIS}
              stroke={AXIS.stroke}
              interval={0}
              tickFormatter={(n: string) => middleCut(n, 26)}
            />
            <Tooltip {...TOOLTIP} formatter={(v) => fmt.bytes(Number(v) * 1024 * 1024)} />
            <Bar dataKey="mb" name={t('mon.chart.size')} isAnimationActive={false}>
              {top.map((t) => (
                <Cell key={t.name} fill={t.over ? '#e5484d' : '#4f8cff'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </Panel>
      <Panel
        title={t('mon.chart.connections', { total: snapshot.connections.total, max: snapshot.connections.max })}
        label={t('mon.chart.connectionsLabel')}
      >
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={states} margin={{ top: 12, right: 16 }}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="name" tick={AXIS} stroke={AXIS.stroke} />
            <YAxis allowDecimals={false} tick={AXIS} stroke={AXIS.stroke} tickFormatter={num} />
            <Tooltip {...TOOLTIP} />
            <Bar dataKey="count" name={t('mon.chart.count')} isAnimationActive={false}>
              {states.map((s) => (
                <Cell key={s.name} fill={STATE_COLORS[s.name] ?? '#a78bfa'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </Panel>
      <Panel title={t('mon.chart.history')} label={t('mon.chart.historyLabel')}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={points} margin={{ top: 12, right: 24, left: 4 }}>
            <CartesianGrid stroke={GRID} />
            <XAxis dataKey="time" tick={AXIS} stroke={AXIS.stroke} />
            <YAxis allowDecimals={false} tick={AXIS} stroke={AXIS.stroke} tickFormatter={num} />
            <Tooltip {...TOOLTIP} />
            <Legend wrapperStyle={{ fontSize: 11, color: 'var(--muted)' }} />
            <Line
              type="monotone"
              dataKey="connections"
              name={t('mon.chart.connectionsLine')}
              stroke="#4f8cff"
              dot={points.length < 3}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="longQueries"
              name={t('mon.chart.runningQueries')}
              stroke="#f5a524"
              dot={points.length < 3}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Panel>
      <Panel title={t('mon.chart.durations')} label={t('mon.chart.durationsLabel')}>
        {migrations.length ? (
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={migrations} margin={{ top: 12, right: 16 }}>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="name" tick={false} stroke={AXIS.stroke} />
              <YAxis tick={AXIS} stroke={AXIS.stroke} tickFormatter={num} />
              <Tooltip {...TOOLTIP} />
              <Bar dataKey="ms" name={t('mon.chart.ms')} fill="#30a46c" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        ) : (
          <p className="muted small">{t('mon.chart.noDurations')}</p>
        )}
      </Panel>
    </div>
  );
}
