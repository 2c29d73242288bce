import { ENVIRONMENT_COLORS, type ProfileView } from '../../../shared/model/profile';
import { useT } from '../i18n';
import { textOn } from './contrast';

/** The environment the whole window works on; on production it cannot be missed. */
export function EnvironmentBanner({ profile }: { profile?: ProfileView }) {
  const { t } = useT();
  if (!profile) return <div className="env-banner env-none">{t('banner.none')}</div>;
  const color = profile.color ?? ENVIRONMENT_COLORS[profile.environment];
  return (
    <div
      className={`env-banner env-${profile.environment}`}
      style={{ background: color, color: textOn(color) }}
      role="status"
      aria-label={t('banner.label', { env: t(`env.${profile.environment}`) })}
      data-testid="env-banner"
    >
      <strong>{profile.environment.toUpperCase()}</strong>
      <span>
        {profile.name} — {profile.user}@{profile.host}:{profile.port}/{profile.database}
      </span>
      {profile.readOnly && <span className="badge">{t('banner.readOnly')}</span>}
      {profile.environment === 'production' && <span className="badge">{t('banner.production')}</span>}
    </div>
  );
}
