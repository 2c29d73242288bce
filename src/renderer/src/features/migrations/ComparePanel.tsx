import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { useMigrations } from '../../stores/migrations';
import { useProfiles } from '../../stores/profiles';

/** What ran on one profile and not on another (staging vs production). */
export function ComparePanel({ profileId }: { profileId: string }) {
  const { comparison, compareError, compare } = useMigrations();
  const { profiles, refresh } = useProfiles();
  const [other, setOther] = useState('');
  useEffect(() => void refresh(), [refresh]);
  const others = profiles.filter((p) => p.id !== profileId);
  return (
    <section className="compare" aria-label="Compare profiles">
      <div className="actions">
        <select value={other} onChange={(e) => setOther(e.target.value)} aria-label="Other profile">
          <option value="">Compare with…</option>
          {others.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.environment})
            </option>
          ))}
        </select>
        <button onClick={() => void compare(other)} disabled={!other}>
          Compare
        </button>
      </div>
      {others.length === 0 && <p className="muted">Add another profile (e.g. staging and production) to compare them.</p>}
      {compareError && <ErrorBox error={compareError} title="Could not compare" />}
      {comparison && (
        <>
          <p>
            Only on <strong>{comparison.left.name}</strong>: {comparison.onlyLeft.join(', ') || 'nothing'} · only on <strong>{comparison.right.name}</strong>: {comparison.onlyRight.join(', ') || 'nothing'}
          </p>
          <table className="grid small">
            <thead>
              <tr>
                <th>scope</th>
                <th>migration</th>
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
