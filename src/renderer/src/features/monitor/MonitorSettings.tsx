import { useMonitor } from '../../stores/monitor';

const INTERVALS = [0, 5, 15, 30, 60, 300];

/** Refresh interval and alert thresholds, kept in this browser's storage. */
export function MonitorSettings() {
  const { thresholds, intervalSeconds, setThresholds, setInterval } = useMonitor();
  const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : fallback);
  return (
    <div className="monitor-settings">
      <label className="field compact">
        <span>Refresh</span>
        <select aria-label="Refresh interval" value={intervalSeconds} onChange={(e) => setInterval(Number(e.target.value))}>
          {INTERVALS.map((s) => (
            <option key={s} value={s}>
              {s === 0 ? 'manual' : s < 60 ? `every ${s} s` : `every ${s / 60} min`}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>Schema over (MB)</span>
        <input aria-label="Schema size threshold (MB)" type="number" min={1} value={thresholds.schemaMb} onChange={(e) => setThresholds({ schemaMb: num(e.target.value, thresholds.schemaMb) })} />
      </label>
      <label className="field compact">
        <span>Query over (s)</span>
        <input aria-label="Query duration threshold (s)" type="number" min={1} value={thresholds.querySeconds} onChange={(e) => setThresholds({ querySeconds: num(e.target.value, thresholds.querySeconds) })} />
      </label>
      <label className="field compact">
        <span>Connections over (%)</span>
        <input
          aria-label="Connections threshold (%)"
          type="number"
          min={1}
          max={100}
          value={thresholds.connectionsPercent}
          onChange={(e) => setThresholds({ connectionsPercent: Math.min(100, num(e.target.value, thresholds.connectionsPercent)) })}
        />
      </label>
    </div>
  );
}
