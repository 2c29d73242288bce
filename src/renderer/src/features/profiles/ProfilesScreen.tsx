import { useEffect, useState } from 'react';
import { ENVIRONMENT_COLORS } from '../../../../shared/model/profile';
import { ErrorBox } from '../../components/ErrorBox';
import { useApp } from '../../stores/app';
import { useProfiles } from '../../stores/profiles';
import { ConnectionReport } from './ConnectionReport';
import { HostKeyPrompt } from './HostKeyPrompt';
import { ProfileForm } from './ProfileForm';

type Editing = { mode: 'new' } | { mode: 'edit'; id: string } | undefined;

export function ProfilesScreen() {
  const { profiles, loaded, error, tests, refresh, test, duplicate, remove } = useProfiles();
  const { activeProfileId, activate, info } = useApp();
  const [editing, setEditing] = useState<Editing>();
  const [selectedId, setSelectedId] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState<string>();

  useEffect(() => void refresh(), [refresh]);
  const selected = profiles.find((p) => p.id === (selectedId ?? activeProfileId)) ?? profiles[0];
  const testState = selected ? tests[selected.id] : undefined;

  return (
    <div className="screen profiles-screen">
      <header className="screen-head">
        <h1>Connection profiles</h1>
        <button className="primary" onClick={() => setEditing({ mode: 'new' })}>
          Add profile
        </button>
      </header>
      {info?.notices.map((n) => <ErrorBox key={n.code + n.message} error={{ code: 'PROFILES_FILE_CORRUPT', message: n.message, hint: n.hint }} title="Attention" />)}
      {error && <ErrorBox error={error} />}
      <div className="split">
        <ul className="profile-list" aria-label="Profiles">
          {loaded && profiles.length === 0 && <li className="muted">No profiles yet. Add one, or start the sandbox with `npm run sandbox`.</li>}
          {profiles.map((p) => (
            <li key={p.id}>
              <button className={`profile-item ${selected?.id === p.id ? 'selected' : ''}`} onClick={() => setSelectedId(p.id)} aria-current={selected?.id === p.id}>
                <span className="env-dot" style={{ background: p.color ?? ENVIRONMENT_COLORS[p.environment] }} />
                <span className="profile-name">{p.name}</span>
                <span className="muted small">{p.environment}</span>
                {p.id === activeProfileId && <span className="badge">active</span>}
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
            <section aria-label={`Profile ${selected.name}`}>
              <h2>{selected.name}</h2>
              <p className="mono">
                {selected.user}@{selected.host}:{selected.port}/{selected.database} · sslmode {selected.sslmode} · registry {selected.registry}
              </p>
              <p className="muted small">
                Password: {selected.hasPassword ? `stored (${selected.secretStorage === 'memory' ? 'in memory for this session: no OS keychain here' : 'OS keychain'})` : 'none stored (PGPASSWORD / .pgpass are used)'}
              </p>
              <div className="actions">
                <button className="primary" onClick={() => void activate(selected.id)} disabled={selected.id === activeProfileId}>
                  {selected.id === activeProfileId ? 'In use' : 'Use this profile'}
                </button>
                <button onClick={() => void test(selected.id)}>Test connection</button>
                <button onClick={() => setEditing({ mode: 'edit', id: selected.id })}>Edit</button>
                <button onClick={() => void duplicate(selected.id).then((p) => setSelectedId(p.id))}>Duplicate</button>
                <button className="danger" onClick={() => setConfirmDelete(selected.id)}>
                  Delete
                </button>
              </div>
              {confirmDelete === selected.id && (
                <div className="confirm" role="alertdialog" aria-label="Confirm delete">
                  Delete profile “{selected.name}” and its stored password?
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
                    Delete
                  </button>
                  <button className="ghost" onClick={() => setConfirmDelete(undefined)}>
                    Keep
                  </button>
                </div>
              )}
              {testState?.state === 'testing' && <p className="muted">Testing…</p>}
              {testState?.state === 'ok' && testState.result && <ConnectionReport result={testState.result} />}
              {testState?.state === 'failed' && testState.error && (
                <>
                  <ErrorBox error={testState.error} title="Connection failed" />
                  <HostKeyPrompt profileId={selected.id} error={testState.error} onAccepted={() => void test(selected.id)} />
                </>
              )}
            </section>
          ) : (
            <p className="muted">Select a profile, or add one.</p>
          )}
        </div>
      </div>
    </div>
  );
}
