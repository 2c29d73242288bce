import { ErrorBox } from '../../components/ErrorBox';
import { isMac, paletteKeys } from '../../components/keyboard';
import { useT } from '../../i18n';
import { useApp } from '../../stores/app';
import { ConnectionReport } from '../profiles/ConnectionReport';

export function OverviewScreen() {
  const { connection, activeProfileId, go } = useApp();
  const { t } = useT();
  return (
    <div className="screen">
      <h1>{t('overview.title')}</h1>
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
      {connection?.state === 'failed' && connection.error && <ErrorBox error={connection.error} title={t('error.notConnected')} />}
      {connection?.state === 'connected' && connection.test && (
        <>
          <p className="big" data-testid="overview-tenants">
            <strong>{t('overview.tenants', { count: connection.test.registry.tenantCount })}</strong>
          </p>
          <nav className="actions" aria-label={t('overview.next')}>
            <button onClick={() => go('tenants')}>{t('overview.nextTenants')}</button>
            <button onClick={() => go('migrations')}>{t('overview.nextMigrations')}</button>
            <button onClick={() => go('backups')}>{t('overview.nextBackups')}</button>
          </nav>
          <ConnectionReport result={connection.test} />
        </>
      )}
      <p className="muted small">{t('overview.paletteTip', { keys: paletteKeys(isMac()) })}</p>
    </div>
  );
}
