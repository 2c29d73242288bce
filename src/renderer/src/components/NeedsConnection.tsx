import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { useApp } from '../stores/app';
import { ErrorBox } from './ErrorBox';

/** Shows its children only when a profile is active and connected; otherwise says what to do next. */
export function NeedsConnection({ children }: { children: (profileId: string) => ReactNode }) {
  const { activeProfileId, connection, go } = useApp();
  const { t } = useT();
  if (!activeProfileId) {
    return (
      <div className="empty">
        <p>{t('needs.noProfile')}</p>
        <button onClick={() => go('profiles')}>{t('needs.choose')}</button>
        <p className="muted small">{t('overview.sandbox')}</p>
      </div>
    );
  }
  if (connection?.state === 'failed' && connection.error)
    return <ErrorBox error={connection.error} title={t('error.notConnected')} />;
  if (connection?.state !== 'connected') return <p className="muted">{t('common.connecting')}</p>;
  return <>{children(activeProfileId)}</>;
}
