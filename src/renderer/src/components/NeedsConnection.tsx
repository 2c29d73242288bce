import type { ReactNode } from 'react';
import { useApp } from '../stores/app';
import { ErrorBox } from './ErrorBox';

/** Shows its children only when a profile is active and connected; otherwise says what to do next. */
export function NeedsConnection({ children }: { children: (profileId: string) => ReactNode }) {
  const { activeProfileId, connection, go } = useApp();
  if (!activeProfileId) {
    return (
      <div className="empty">
        <p>No profile is active.</p>
        <button onClick={() => go('profiles')}>Choose or add a profile</button>
      </div>
    );
  }
  if (connection?.state === 'failed' && connection.error) return <ErrorBox error={connection.error} title="Not connected" />;
  if (connection?.state !== 'connected') return <p className="muted">Connecting…</p>;
  return <>{children(activeProfileId)}</>;
}
