import { ErrorBox } from '../../components/ErrorBox';
import { useApp } from '../../stores/app';
import { ConnectionReport } from '../profiles/ConnectionReport';

export function OverviewScreen() {
  const { connection, activeProfileId, go } = useApp();
  return (
    <div className="screen">
      <h1>Overview</h1>
      {!activeProfileId && (
        <div className="empty">
          <p>Connect to a server to see its tenants, migrations and backups.</p>
          <button className="primary" onClick={() => go('profiles')}>
            Add or choose a profile
          </button>
          <p className="muted small">No server of your own? `npm run sandbox` starts one with 25 demo tenants.</p>
        </div>
      )}
      {connection?.state === 'testing' && <p className="muted">Connecting…</p>}
      {connection?.state === 'failed' && connection.error && <ErrorBox error={connection.error} title="Not connected" />}
      {connection?.state === 'connected' && connection.test && (
        <>
          <p className="big" data-testid="overview-tenants">
            <strong>{connection.test.registry.tenantCount}</strong> tenants
          </p>
          <ConnectionReport result={connection.test} />
        </>
      )}
    </div>
  );
}
