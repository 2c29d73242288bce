import { useCallback, useEffect, useMemo, useState } from 'react';
import { ENVIRONMENT_COLORS } from '../../shared/model/profile';
import { CommandPalette } from './components/CommandPalette';
import { EnvironmentBanner } from './components/EnvironmentBanner';
import { ErrorBox } from './components/ErrorBox';
import { openBackup, openTenant } from './components/go-to';
import { HelpSheet } from './components/HelpSheet';
import { JobsDock } from './components/JobsDock';
import { ReviewHost } from './components/review/ReviewHost';
import { isMac, paletteKeys } from './components/keyboard';
import type { PaletteDeps } from './components/palette-items';
import { useShortcuts } from './components/use-shortcuts';
import { SCREENS } from './features/screens';
import { TokenMissing } from './components/TokenMissing';
import { useT } from './i18n';
import { useApp } from './stores/app';
import { useProfileGroups } from './stores/profile-groups';
import { useProfiles } from './stores/profiles';
import { GroupStatus } from './features/profiles/GroupStatus';
import { effectiveTheme, useSettings } from './stores/settings';

export function App() {
  const { info, startupError, screen, go, activeProfileId, activate, connection, load } = useApp();
  const { profiles, refresh } = useProfiles();
  const { groups, activeGroup, refresh: refreshGroups, choose: chooseGroup } = useProfileGroups();
  // A group shows its servers side by side; choosing a profile (or a screen) leaves it.
  const pickProfileOrGroup = (value: string) =>
    value.startsWith('group:')
      ? chooseGroup(value.slice('group:'.length))
      : chooseGroup(undefined).then(() => activate(value || undefined));
  const { t, lang } = useT();
  const theme = useSettings(effectiveTheme);
  const { setTheme, setLanguage } = useSettings();
  const [dialog, setDialog] = useState<'palette' | 'help'>();
  useEffect(() => {
    void load().then(refresh).then(refreshGroups);
  }, [load, refresh, refreshGroups]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = lang;
  }, [theme, lang]);

  const openPalette = useCallback(() => setDialog('palette'), []);
  const openHelp = useCallback(() => setDialog('help'), []);
  const close = useCallback(() => setDialog(undefined), []);
  useShortcuts({ palette: openPalette, help: openHelp, go, dialogOpen: dialog !== undefined });
  const paletteDeps = useMemo<PaletteDeps>(
    () => ({
      go,
      profiles,
      activeProfileId,
      activate: (id) => void activate(id),
      setTheme,
      setLanguage,
      showHelp: openHelp,
      openTenant,
      openBackup,
    }),
    [go, profiles, activeProfileId, activate, setTheme, setLanguage, openHelp],
  );

  const active = profiles.find((p) => p.id === activeProfileId);
  const Screen = SCREENS.find((s) => s.id === screen)?.component ?? SCREENS[0].component;
  const envColor = active ? (active.color ?? ENVIRONMENT_COLORS[active.environment]) : undefined;
  const keys = paletteKeys(isMac());

  return (
    <div
      className={`app env-${active?.environment ?? 'none'}`}
      style={envColor ? ({ '--env': envColor } as React.CSSProperties) : undefined}
    >
      <EnvironmentBanner profile={active} />
      <div className="body">
        <nav className="sidebar" aria-label={t('nav.label')}>
          <div className="brand">{t('app.brand')}</div>
          <button className="palette-open" onClick={openPalette} aria-keyshortcuts={isMac() ? 'Meta+K' : 'Control+K'}>
            {t('sidebar.paletteHint', { keys })}
          </button>
          <label className="field compact">
            <span>{t('sidebar.profile')}</span>
            <select
              aria-label={t('sidebar.activeProfile')}
              value={activeGroup ? `group:${activeGroup}` : (activeProfileId ?? '')}
              onChange={(e) => void pickProfileOrGroup(e.target.value)}
            >
              <option value="">{t('sidebar.none')}</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({t(`env.${p.environment}`)})
                </option>
              ))}
              {groups.length > 0 && (
                <optgroup label={t('groups.selector')}>
                  {groups.map((g) => (
                    <option key={g.name} value={`group:${g.name}`}>
                      {t('groups.option', { name: g.name })}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </label>
          {connection && (
            <div className={`conn conn-${connection.state}`} data-testid="connection-state">
              {connection.state === 'connected'
                ? t('sidebar.connected', { count: connection.test?.registry.tenantCount ?? 0 })
                : connection.state === 'testing'
                  ? t('sidebar.connecting')
                  : t('sidebar.notConnected')}
            </div>
          )}
          <ul>
            {SCREENS.map((s) => (
              <li key={s.id}>
                <button
                  className={s.id === screen ? 'nav active' : 'nav'}
                  aria-current={s.id === screen ? 'page' : undefined}
                  aria-keyshortcuts={`G ${s.key.toUpperCase()}`}
                  onClick={() => void chooseGroup(undefined).then(() => go(s.id))}
                >
                  {t(s.label)}
                </button>
              </li>
            ))}
          </ul>
          <div className="foot muted small">
            <button className="ghost small help-open" onClick={openHelp} aria-keyshortcuts="?">
              ? {t('sidebar.helpHint')}
            </button>
            {info && <div>{t('sidebar.version', { version: info.version, mode: t(`sidebar.mode.${info.mode}`) })}</div>}
          </div>
        </nav>
        <main className="content">
          {startupError?.code === 'UNAUTHORIZED' ? (
            <TokenMissing />
          ) : startupError ? (
            <ErrorBox error={startupError} title={t('error.startup')} />
          ) : activeGroup ? (
            <GroupStatus />
          ) : (
            <Screen />
          )}
        </main>
      </div>
      <JobsDock />
      <ReviewHost />
      {dialog === 'palette' && <CommandPalette deps={paletteDeps} onClose={close} />}
      {dialog === 'help' && <HelpSheet onClose={close} />}
    </div>
  );
}
