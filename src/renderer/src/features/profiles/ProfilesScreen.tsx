import { useEffect, useState } from 'react';
import { ENVIRONMENT_COLORS } from '../../../../shared/model/profile';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';
import { useApp } from '../../stores/app';
import { useProfiles } from '../../stores/profiles';
import { ArchiveReport } from './ArchiveReport';
import { ConnectionReport } from './ConnectionReport';
import { ConnectionState, type ConnState } from './ConnectionState';
import './profiles.css';
import { HostKeyPrompt } from './HostKeyPrompt';
import { ProfileForm } from './ProfileForm';
import { ProfileGroupsPanel } from './ProfileGroupsPanel';

type Editing = { mode: 'new' } | { mode: 'edit'; id: string } | undefined;

export function ProfilesScreen() {
  const { profiles, loaded, error, tests, refresh, test, duplicate, remove } = useProfiles();
  const { activeProfileId, activate, info, connection } = useApp();
  const [editing, setEditing] = useState<Editing>();
  const [selectedId, setSelectedId] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState<string>();
  const { t } = useT();

  useEffect(() => void refresh(), [refresh]);
  const selected = profiles.find((p) => p.id === (selectedId ?? activeProfileId)) ?? profiles[0];
  const testState = selected ? tests[selected.id] : undefined;
  /** The last test of this profile, or the live connection of the active one. */
  const connState = (id: string): ConnState => {
    const tested = tests[id]?.state;
    if (tested) return tested;
    if (connection?.profileId === id)
      return connection.state === 'connected' ? 'ok' : connection.state === 'failed' ? 'failed' : 'testing';
    return 'untested';
  };

  return (
    <div className="screen profiles-screen">
      <header className="screen-head">
        <h1>{t('profiles.title')}</h1>
        <button className="primary" onClick={() => setEditing({ mode: 'new' })}>
          {t('profiles.add')}
        </button>
      </header>
      {info?.notices.map((n) => (
        <ErrorBox
          key={n.code + n.message}
          error={{ code: 'PROFILES_FILE_CORRUPT', message: n.message, hint: n.hint }}
          title={t('profiles.attention')}
        />
      ))}
      {error && <ErrorBox error={error} />}
      <div className="split">
        <ul className="profile-list" aria-label={t('profiles.list')}>
          {loaded && profiles.length === 0 && <li className="muted">{t('profiles.empty')}</li>}
          {profiles.map((p) => (
            <li key={p.id}>
              <button
                className={`profile-item ${selected?.id === p.id ? 'selected' : ''}`}
                onClick={() => setSelectedId(p.id)}
                aria-current={selected?.id === p.id}
              >
                <span
                  className="env-swatch"
                  style={{ background: p.color ?? ENVIRONMENT_COLORS[p.environment] }}
                  aria-hidden="true"
                />
                <span className="profile-name">{p.name}</span>
                <span className="muted small">{t(`env.${p.environment}`)}</span>
                <ConnectionState state={connState(p.id)} />
                {p.id === activeProfileId && <span className="badge">{t('profiles.active')}</span>}
              </button>
            </li>
          ))}
        </ul>
        <div className="detail">
          {editing ? (
            <ProfileForm
              key={editing.mode === 'edit' ? editing.id : 'new'}
              profile={editing.mode === 'edit' ? profiles.find((p) => p.id === editing.id) : undefined}
              onSaved={(p) => {
                setEditing(undefined);
                setSelectedId(p.id);
              }}
              onCancel={() => setEditing(undefined)}
            />
          ) : selected ? (
            <section aria-label={t('profiles.region', { name: selected.name })}>
              <h2>{selected.name}</h2>
              <p className="mono">
                {t('profiles.summary', {
                  target: `${selected.user}@${selected.host}:${selected.port}/${selected.database}`,
                  sslmode: selected.sslmode,
                  registry: selected.registry,
                })}
              </p>
              <p className="muted small">
                {t('profiles.password', {
                  state: t(
                    selected.hasPassword
                      ? selected.secretStorage === 'memory'
                        ? 'profiles.password.memory'
                        : 'profiles.password.keychain'
                      : 'profiles.password.none',
                  ),
                })}
              </p>
              <div className="actions">
                <button
                  className="primary"
                  onClick={() => void activate(selected.id)}
                  disabled={selected.id === activeProfileId}
                >
                  {selected.id === activeProfileId ? t('profiles.inUse') : t('profiles.use')}
                </button>
                <button onClick={() => void test(selected.id)}>{t('profiles.test')}</button>
                <button onClick={() => setEditing({ mode: 'edit', id: selected.id })}>{t('profiles.edit')}</button>
                <button onClick={() => void duplicate(selected.id).then((p) => setSelectedId(p.id))}>
                  {t('profiles.duplicate')}
                </button>
                <button className="danger" onClick={() => setConfirmDelete(selected.id)}>
                  {t('profiles.delete')}
                </button>
              </div>
              {confirmDelete === selected.id && (
                <div className="confirm" role="alertdialog" aria-label={t('profiles.confirmDelete')}>
                  {t('profiles.deleteQuestion', { name: selected.name })}
                  <button
                    className="danger"
                    onClick={() =>
                      void remove(selected.id).then(() => {
                        setConfirmDelete(undefined);
                        setSelectedId(undefined);
                        if (selected.id === activeProfileId) void activate(undefined);
                      })
                    }
                  >
                    {t('profiles.delete')}
                  </button>
                  <button className="ghost" onClick={() => setConfirmDelete(undefined)}>
                    {t('profiles.keep')}
                  </button>
                </div>
              )}
              {testState?.state === 'testing' && <p className="muted">{t('profiles.testing')}</p>}
              {testState?.state === 'ok' && testState.result && <ConnectionReport result={testState.result} />}
              {testState?.state === 'ok' && selected.pgbackrestConfig && <ArchiveReport profileId={selected.id} />}
              {testState?.state === 'failed' && testState.error && (
                <>
                  <ErrorBox error={testState.error} title={t('profiles.failed')} />
                  <HostKeyPrompt
                    profileId={selected.id}
                    error={testState.error}
                    onAccepted={() => void test(selected.id)}
                  />
                </>
              )}
            </section>
          ) : (
            <p className="muted">{t('profiles.select')}</p>
          )}
        </div>
      </div>
      <ProfileGroupsPanel />
    </div>
  );
}
