import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { useT } from '../../i18n';
import { toErrorData } from '../../stores/app';
import type { ErrorData } from '../../../../shared/errors';
import { useProfileGroups } from '../../stores/profile-groups';
import { useProfiles } from '../../stores/profiles';

/** Saved groups of profiles: several databases chosen together in the profile selector (CLI --profiles NAME). */
export function ProfileGroupsPanel() {
  const { groups, error, refresh, save, remove } = useProfileGroups();
  const { profiles } = useProfiles();
  const { t } = useT();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [failure, setFailure] = useState<ErrorData>();
  useEffect(() => void refresh(), [refresh]);
  const submit = async () => {
    try {
      await save({ name, profileIds: chosen });
      setName('');
      setChosen([]);
      setFailure(undefined);
    } catch (e) {
      setFailure(toErrorData(e));
    }
  };
  return (
    <section className="card profile-groups" aria-label={t('groups.title')}>
      <h2>{t('groups.title')}</h2>
      <p className="muted small">{t('groups.explain')}</p>
      {error && <ErrorBox error={error} />}
      <ul>
        {groups.map((g) => (
          <li key={g.name}>
            <strong>{g.name}</strong>:{' '}
            {g.profileIds.map((id) => profiles.find((p) => p.id === id)?.name ?? id).join(', ')}{' '}
            <button
              className="ghost small"
              onClick={() => void remove(g.name)}
              aria-label={t('groups.removeNamed', { name: g.name })}
            >
              {t('groups.remove')}
            </button>
          </li>
        ))}
      </ul>
      <fieldset>
        <legend>{t('groups.new')}</legend>
        <label className="field">
          <span>{t('groups.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {profiles.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(p.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))}
            />{' '}
            {p.name}
          </label>
        ))}
        {failure && <ErrorBox error={failure} />}
        <button className="primary" disabled={!name.trim() || !chosen.length} onClick={() => void submit()}>
          {t('groups.save')}
        </button>
      </fieldset>
    </section>
  );
}
