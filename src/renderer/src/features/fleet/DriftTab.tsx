import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { useFleet } from '../../stores/fleet';

/** Tenants grouped by structure, and what each odd one out has otherwise than the reference. */
export function DriftTab() {
  const { diff, selected, select, runDiff, busy } = useFleet();
  const [reference, setReference] = useState('');
  const { t } = useT();
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
          {t('fl.reference')}{' '}
          <input
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            placeholder={t('fl.majority')}
            aria-label={t('fl.reference')}
          />
        </label>
        <button className="primary" type="submit" disabled={busy} data-testid="run-diff">
          {busy ? t('fl.readingCatalog') : t('fl.compare')}
        </button>
      </form>
      {diff && (
        <>
          <p className="muted small" data-testid="diff-summary">
            {t('fl.diffSummary', { tenants: diff.tenants, objects: diff.objects })}{' '}
            <span className="mono">{diff.reference ?? t('fl.none')}</span> ({diff.referenceKind}) ·{' '}
            <strong className={diff.drifted.length ? 'fl-bad' : 'fl-good'}>
              {diff.drifted.length ? t('fl.drifted', { count: diff.drifted.length }) : t('fl.noDrift')}
            </strong>
          </p>
          <div className="fl-groups" aria-label={t('fl.groups')}>
            {diff.groups.map((g) => (
              <div
                key={g.fingerprint}
                className={`fl-group ${g.fingerprint === diff.referenceFingerprint ? 'fl-ref' : 'fl-odd'}`}
              >
                <span className="mono">{g.fingerprint}</span>{' '}
                <strong>{t('fl.groupTenants', { count: g.tenants.length })}</strong>
                {g.fingerprint === diff.referenceFingerprint && <span className="badge">{t('fl.referenceBadge')}</span>}
              </div>
            ))}
          </div>
          {diff.drifted.length > 0 && (
            <div className="fl-split">
              <table className="grid fl-drifted" data-testid="drifted">
                <thead>
                  <tr>
                    <th>{t('fl.col.tenant')}</th>
                    <th>{t('fl.col.differences')}</th>
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
                <aside className="fl-side" aria-label={t('fl.sqlBack')}>
                  <h3>{t('fl.bringBack', { tenant: drifted.tenant })}</h3>
                  <p className="muted small">{t('fl.sqlNote')}</p>
                  <pre className="fl-sql" data-testid="fix-sql">
                    {drifted.fixSql}
                  </pre>
                  <button onClick={() => void navigator.clipboard?.writeText(drifted.fixSql)}>{t('fl.copySql')}</button>
                </aside>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
