import { useT } from '../../i18n';
import { useMonitor } from '../../stores/monitor';

const INTERVALS = [0, 5, 15, 30, 60, 300];

/** Refresh interval and alert thresholds, kept in this browser's storage. */
export function MonitorSettings() {
  const { thresholds, intervalSeconds, setThresholds, setInterval } = useMonitor();
  const { t } = useT();
  const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : fallback);
  return (
    <div className="monitor-settings">
      <label className="field compact">
        <span>{t('mon.refresh')}</span>
        <select
          aria-label={t('mon.interval')}
          value={intervalSeconds}
          onChange={(e) => setInterval(Number(e.target.value))}
        >
          {INTERVALS.map((s) => (
            <option key={s} value={s}>
              {s === 0
                ? t('mon.manual')
                : s < 60
                  ? t('mon.everySeconds', { n: s })
                  : t('mon.everyMinutes', { n: s / 60 })}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>{t('mon.schemaOver')}</span>
        <input
          aria-label={t('mon.schemaOverLabel')}
          type="number"
          min={1}
          value={thresholds.schemaMb}
          onChange={(e) => setThresholds({ schemaMb: num(e.target.value, thresholds.schemaMb) })}
        />
      </label>
      <label className="field compact">
        <span>{t('mon.queryOver')}</span>
        <input
          aria-label={t('mon.queryOverLabel')}
          type="number"
          min={1}
          value={thresholds.querySeconds}
          onChange={(e) => setThresholds({ querySeconds: num(e.target.value, thresholds.querySeconds) })}
        />
      </label>
      <label className="field compact">
        <span>{t('mon.connOver')}</span>
        <input
          aria-label={t('mon.connOverLabel')}
          type="number"
          min={1}
          max={100}
          value={thresholds.connectionsPercent}
          onChange={(e) =>
            setThresholds({ connectionsPercent: Math.min(100, num(e.target.value, thresholds.connectionsPercent)) })
          }
        />
      </label>
    </div>
  );
}
