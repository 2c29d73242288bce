import { useEffect, useState } from 'react';
import { useFleet } from '../../stores/fleet';

/** Tenants grouped by structure, and what each odd one out has otherwise than the reference. */
export function DriftTab() {
  const { diff, selected, select, runDiff, busy } = useFleet();
  const [reference, setReference] = useState('');
  useEffect(() => {
    if (!useFleet.getState().diff) void runDiff();
  }, [runDiff]);
  const drifted = diff?.drifted.find((d) => d.tenant === selected);

  return (
    <div className="fl-panel">
      <form
        className="fl-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void runDiff(reference.trim());
        }}
      >
        <label>
          Reference schema <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="the majority" aria-label="Reference schema" />
        </label>
        <button className="primary" type="submit" disabled={busy} data-testid="run-diff">
          {busy ? 'Reading the catalog…' : 'Compare structures'}
        </button>
      </form>
      {diff && (
        <>
          <p className="muted small" data-testid="diff-summary">
            {diff.tenants} tenant schemas · {diff.objects} objects from one catalog read · reference <span className="mono">{diff.reference ?? 'none'}</span> ({diff.referenceKind}) ·{' '}
            <strong className={diff.drifted.length ? 'fl-bad' : 'fl-good'}>{diff.drifted.length ? `${diff.drifted.length} drifted` : 'no drift'}</strong>
          </p>
          <div className="fl-groups" aria-label="Fingerprint groups">
            {diff.groups.map((g) => (
              <div key={g.fingerprint} className={`fl-group ${g.fingerprint === diff.referenceFingerprint ? 'fl-ref' : 'fl-odd'}`}>
                <span className="mono">{g.fingerprint}</span> <strong>{g.tenants.length}</strong> tenant{g.tenants.length === 1 ? '' : 's'}
                {g.fingerprint === diff.referenceFingerprint && <span className="badge">reference</span>}
              </div>
            ))}
          </div>
          {diff.drifted.length > 0 && (
            <div className="fl-split">
              <table className="grid fl-drifted" data-testid="drifted">
                <thead>
                  <tr>
                    <th>Tenant</th>
                    <th>Differences from the reference</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.drifted.map((d) => (
                    <tr key={d.tenant} className={d.tenant === selected ? 'on' : ''} onClick={() => select(d.tenant)}>
                      <td className="mono">
                        <button className="fl-link" onClick={() => select(d.tenant)}>
                          {d.tenant}
                        </button>
                      </td>
                      <td>
                        <ul className="fl-diffs">
                          {d.differences.map((text) => (
                            <li key={text}>{text}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {drifted && (
                <aside className="fl-side" aria-label="SQL to bring the tenant back">
                  <h3>
                    Bring <span className="mono">{drifted.tenant}</span> back
                  </h3>
                  <p className="muted small">Offered for review; the console never runs it. Copy it into a migration or run it yourself.</p>
                  <pre className="fl-sql" data-testid="fix-sql">
                    {drifted.fixSql}
                  </pre>
                  <button onClick={() => void navigator.clipboard?.writeText(drifted.fixSql)}>Copy SQL</button>
                </aside>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
