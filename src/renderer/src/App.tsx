import { useEffect } from 'react';
import { ENVIRONMENT_COLORS } from '../../shared/model/profile';
import { EnvironmentBanner } from './components/EnvironmentBanner';
import { ErrorBox } from './components/ErrorBox';
import { JobsDock } from './components/JobsDock';
import { SCREENS } from './features/screens';
import { useApp } from './stores/app';
import { useProfiles } from './stores/profiles';

export function App() {
  const { info, startupError, screen, go, activeProfileId, activate, connection, load } = useApp();
  const { profiles, refresh } = useProfiles();
  useEffect(() => {
    void load().then(refresh);
  }, [load, refresh]);

  const active = profiles.find((p) => p.id === activeProfileId);
  const Screen = SCREENS.find((s) => s.id === screen)?.component ?? SCREENS[0].component;
  const envColor = active ? (active.color ?? ENVIRONMENT_COLORS[active.environment]) : undefined;

  return (
    <div className={`app env-${active?.environment ?? 'none'}`} style={envColor ? ({ '--env': envColor } as React.CSSProperties) : undefined}>
      <EnvironmentBanner profile={active} />
      <div className="body">
        <nav className="sidebar" aria-label="Areas">
          <div className="brand">Tenantry</div>
          <label className="field compact">
            <span>Profile</span>
            <select aria-label="Active profile" value={activeProfileId ?? ''} onChange={(e) => void activate(e.target.value || undefined)}>
              <option value="">— none —</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.environment})
                </option>
              ))}
            </select>
          </label>
          {connection && (
            <div className={`conn conn-${connection.state}`} data-testid="connection-state">
              {connection.state === 'connected' ? `● ${connection.test?.registry.tenantCount} tenants` : connection.state === 'testing' ? '○ connecting…' : '● not connected'}
            </div>
          )}
          <ul>
            {SCREENS.map((s) => (
              <li key={s.id}>
                <button className={s.id === screen ? 'nav active' : 'nav'} aria-current={s.id === screen ? 'page' : undefined} onClick={() => go(s.id)}>
                  {s.label}
                </button>
              </li>
            ))}
          </ul>
          <div className="foot muted small">
            v{info?.version} · {info?.mode}
          </div>
        </nav>
        <main className="content">
          {startupError ? <ErrorBox error={startupError} title="The console could not start" /> : <Screen />}
        </main>
      </div>
      <JobsDock />
    </div>
  );
}
