import { useEffect } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { useT } from '../../i18n';
import { useMonitor } from '../../stores/monitor';
import { useProfiles } from '../../stores/profiles';
import { MonitorCharts } from './MonitorCharts';
import { MonitorSettings } from './MonitorSettings';
import { RunTimesTable } from './RunTimesTable';
import { BlockingTable, QueriesTable } from './SessionsTables';
import { RecentWork, SizesTable } from './SizesTable';
import './monitor.css';

function MonitorBody({ profileId }: { profileId: string }) {
  const { snapshot, history, loading, error, actionError, notice, intervalSeconds, thresholds, refresh } = useMonitor();
  const { profiles, refresh: loadProfiles } = useProfiles();
  const profile = profiles.find((p) => p.id === profileId);
  const { t, fmt } = useT();

  useEffect(() => {
    if (!profiles.length) void loadProfiles();
  }, [profiles.length, loadProfiles]);
  // Refresh on arrival, whenever thresholds change, and on the interval the user chose.
  useEffect(() => {
    void refresh(profileId);
    if (!intervalSeconds) return;
    const timer = window.setInterval(() => void refresh(profileId), intervalSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [profileId, intervalSeconds, thresholds, refresh]);

  const current = snapshot?.profileId === profileId ? snapshot : undefined;
  return (
    <>
      <div className="monitor-bar">
        <MonitorSettings />
        <div className="monitor-status">
          {current && (
            <span className="muted small">
              {t('mon.status', {
                version: current.serverVersion,
                size: fmt.bytes(current.databaseBytes),
                time: fmt.time(current.takenAt),
              })}
            </span>
          )}
          <button onClick={() => void refresh(profileId)} disabled={loading}>
            {loading ? t('mon.refreshing') : t('mon.refresh')}
          </button>
        </div>
      </div>
      {error && <ErrorBox error={error} title={t('mon.couldNotLook')} />}
      {actionError && <ErrorBox error={actionError} title={t('mon.notDone')} />}
      {notice && <p className="notice">{notice}</p>}
      {current && (
        <>
          {current.alerts.length > 0 && (
            <ul className="alert-list" aria-label={t('mon.alertList')}>
              {current.alerts.map((a) => (
                <li key={`${a.kind}:${a.target}`}>
                  <span className="badge alert">{t(`mon.alert.${a.kind}`)}</span> {a.message}
                </li>
              ))}
            </ul>
          )}
          {current.limits.map((l) => (
            <p key={l} className="limit-note" role="note">
              {l}
            </p>
          ))}
          <MonitorCharts snapshot={current} history={history} />
          {current.runTimes && current.runTimes.length > 0 && <RunTimesTable runTimes={current.runTimes} />}
          <section>
            <h2>
              {t('mon.running')} <span className="muted small">{t('mon.inDatabase')}</span>
            </h2>
            {profile && <QueriesTable snapshot={current} profile={profile} />}
          </section>
          <section>
            <h2>{t('mon.blocking')}</h2>
            <BlockingTable snapshot={current} />
          </section>
          <section>
            <h2>{t('mon.sizes')}</h2>
            <SizesTable snapshot={current} />
          </section>
          <RecentWork snapshot={current} />
        </>
      )}
    </>
  );
}

export function MonitorScreen() {
  const alerts = useMonitor((s) => s.snapshot?.alerts.length ?? 0);
  const { t } = useT();
  return (
    <div className="screen monitor-screen">
      <header className="screen-head">
        <h1>
          {t('mon.title')} {alerts > 0 && <span className="badge alert">{t('mon.alerts', { count: alerts })}</span>}
        </h1>
      </header>
      <NeedsConnection>{(profileId) => <MonitorBody profileId={profileId} />}</NeedsConnection>
    </div>
  );
}
