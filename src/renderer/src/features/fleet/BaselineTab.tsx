import { useState } from 'react';
import { tenantNames, useFleet } from '../../stores/fleet';
import { ConfirmDatabase } from './ConfirmDatabase';

/** Adopting a fleet: record migrations as baselined where the structure proves them. */
export function BaselineTab({ profileId }: { profileId: string }) {
  const { baseline, undo, runBaseline, undoBaseline, busy } = useFleet();
  const [to, setTo] = useState('');
  const [tenants, setTenants] = useState('');
  const [reference, setReference] = useState('');
  const [confirm, setConfirm] = useState('');
  const common = { tenants: tenantNames(tenants), confirmDatabase: confirm || undefined };

  return (
    <div className="fl-panel">
      <p className="muted small">
        Records migrations up to a number as <span className="mono">baselined</span> in each tenant whose structure holds every object they create (compared with the files applied to a
        scratch schema), without running them. Tenants lacking objects get no ledger row and are listed with what they lack.
      </p>
      <form
        className="fl-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void runBaseline({ ...common, to: to.trim(), reference: reference.trim() || undefined });
        }}
      >
        <label>
          Up to <input value={to} onChange={(e) => setTo(e.target.value)} placeholder="0006" size={6} aria-label="Baseline up to" required pattern="\d{1,8}" />
        </label>
        <label>
          Tenants <input value={tenants} onChange={(e) => setTenants(e.target.value)} placeholder="every tenant" aria-label="Tenants" />
        </label>
        <label>
          Fallback reference <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="(optional schema)" aria-label="Fallback reference" />
        </label>
        <ConfirmDatabase profileId={profileId} value={confirm} onChange={setConfirm} />
        <button className="primary" type="submit" disabled={busy || !to.trim()}>
          Baseline
        </button>
        <button type="button" disabled={busy} onClick={() => void undoBaseline(common)}>
          Undo baseline
        </button>
      </form>
      {baseline && (
        <div className="fl-result" data-testid="baseline-result">
          <p>
            Up to <span className="mono">{baseline.to}</span> ({baseline.migrations.length} migrations), reference: {baseline.reference.kind}
            {baseline.reference.schema && baseline.reference.kind !== 'scratch' ? ` ${baseline.reference.schema}` : ''}.{' '}
            <strong className="fl-good">{baseline.baselined.length} proven</strong> · <strong className={baseline.refused.length ? 'fl-bad' : ''}>{baseline.refused.length} refused</strong>
            {baseline.failed.length > 0 && <strong className="fl-bad"> · {baseline.failed.length} failed</strong>}
          </p>
          {baseline.reference.note && <p className="muted small">{baseline.reference.note}</p>}
          {baseline.refused.length > 0 && (
            <table className="grid">
              <thead>
                <tr>
                  <th>Refused tenant</th>
                  <th>Lacks</th>
                </tr>
              </thead>
              <tbody>
                {baseline.refused.map((r) => (
                  <tr key={r.tenant}>
                    <td className="mono">{r.tenant}</td>
                    <td>{r.lacking.join('; ')}</td>
                  </tr>
                ))}
                {baseline.failed.map((r) => (
                  <tr key={r.tenant}>
                    <td className="mono">{r.tenant}</td>
                    <td className="fl-bad">
                      {r.code}: {r.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {undo && <p className="fl-result">{undo.removed.length ? `Removed baselined rows in ${undo.removed.length} tenant(s).` : 'No baselined rows to remove.'}</p>}
    </div>
  );
}
