import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { envLabel, useT } from '../../i18n';
import { useMigrations } from '../../stores/migrations';
import { useProfiles } from '../../stores/profiles';

/** What ran on one profile and not on another (staging vs production). */
export function ComparePanel({ profileId }: { profileId: string }) {
  const { comparison, compareError, compare } = useMigrations();
  const { profiles, refresh } = useProfiles();
  const [other, setOther] = useState('');
  const { t } = useT();
  useEffect(() => void refresh(), [refresh]);
  const others = profiles.filter((p) => p.id !== profileId);
  return (
    <section className="compare" aria-label={t('mg.compare')}>
      <div className="actions">
        <select value={other} onChange={(e) => setOther(e.target.value)} aria-label={t('mg.otherProfile')}>
          <option value="">{t('mg.compareWith')}</option>
          {others.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({envLabel(t, p.environment)})
            </option>
          ))}
        </select>
        <button onClick={() => void compare(other)} disabled={!other}>
          {t('mg.compareButton')}
        </button>
      </div>
      {others.length === 0 && <p className="muted">{t('mg.addAnother')}</p>}
      {compareError && <ErrorBox error={compareError} title={t('mg.couldNotCompare')} />}
      {comparison && (
        <>
          <p>
            {t('mg.onlyOn', {
              left: comparison.left.name,
              leftList: comparison.onlyLeft.join(', ') || t('mg.nothing'),
              right: comparison.right.name,
              rightList: comparison.onlyRight.join(', ') || t('mg.nothing'),
            })}
          </p>
          <table className="grid small">
            <thead>
              <tr>
                <th>{t('mg.col.scope')}</th>
                <th>{t('mg.col.migration')}</th>
                <th>
                  {comparison.left.name} ({comparison.left.tenants})
                </th>
                <th>
                  {comparison.right.name} ({comparison.right.tenants})
                </th>
              </tr>
            </thead>
            <tbody>
              {comparison.migrations.map((m) => (
                <tr key={`${m.scope}:${m.name}`}>
                  <td>{m.scope}</td>
                  <td className="mono">{m.name}</td>
                  <td>{m.leftApplied}</td>
                  <td>{m.rightApplied}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
