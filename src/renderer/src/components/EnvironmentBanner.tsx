import { ENVIRONMENT_COLORS, type ProfileView } from '../../../shared/model/profile';

/** The environment the whole window works on; on production it cannot be missed. */
export function EnvironmentBanner({ profile }: { profile?: ProfileView }) {
  if (!profile) return <div className="env-banner env-none">No profile selected</div>;
  const color = profile.color ?? ENVIRONMENT_COLORS[profile.environment];
  return (
    <div className={`env-banner env-${profile.environment}`} style={{ background: color }} role="status" aria-label={`Environment ${profile.environment}`} data-testid="env-banner">
      <strong>{profile.environment.toUpperCase()}</strong>
      <span>
        {profile.name} — {profile.user}@{profile.host}:{profile.port}/{profile.database}
      </span>
      {profile.readOnly && <span className="badge">read-only</span>}
      {profile.environment === 'production' && <span className="badge">changes need the database name typed</span>}
    </div>
  );
}
