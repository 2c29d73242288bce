import { useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { isMac, paletteKeys } from '../../components/keyboard';
import { useT } from '../../i18n';
import { useApp } from '../../stores/app';
import { ConnectionReport } from '../profiles/ConnectionReport';
import { FleetHealth } from './FleetHealth';
import { useFleetHealth } from './use-fleet-health';

export function OverviewScreen() {
  const { connection, activeProfileId, go } = useApp();
  const { t } = useT();
  const [refresh, setRefresh] = useState(0);
  const connected = connection?.state === 'connected' ? connection.profileId : undefined;
  const health = useFleetHealth(connected, refresh);
  return (
    <div className="screen">
      <header className="screen-head">
        <h1>{t('overview.title')}</h1>
        {connected && (
          <div className="actions">
            <button onClick={() => setRefresh((n) => n + 1)} disabled={!health}>
              {health ? t('common.refresh') : t('common.loading')}
            </button>
          </div>
        )}
      </header>
      {!activeProfileId && (
        <div className="empty">
          <p>{t('overview.empty')}</p>
          <button className="primary" onClick={() => go('profiles')}>
            {t('overview.add')}
          </button>
          <p className="muted small">{t('overview.sandbox')}</p>
        </div>
      )}
      {connection?.state === 'testing' && <p className="muted">{t('common.connecting')}</p>}
      {connection?.state === 'failed' && connection.error && (
        <ErrorBox error={connection.error} title={t('error.notConnected')} />
      )}
      {connection?.state === 'connected' && connection.test && (
        <>
          <p className="big" data-testid="overview-tenants">
            <strong>{t('overview.tenants', { count: connection.test.registry.tenantCount })}</strong>
          </p>
          {health ? <FleetHealth data={health} /> : <p className="muted">{t('common.loading')}</p>}
          <details className="overview-connection">
            <summary>{t('home.connection')}</summary>
            <ConnectionReport result={connection.test} />
          </details>
        </>
      )}
      <p className="muted small">{t('overview.paletteTip', { keys: paletteKeys(isMac()) })}</p>
    </div>
  );
}
