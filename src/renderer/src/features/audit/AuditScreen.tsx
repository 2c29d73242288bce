import { useEffect, useState } from 'react';
import { AUDIT_RESULTS } from '../../../../shared/model/audit';
import { ENVIRONMENTS } from '../../../../shared/model/profile';
import { ErrorBox } from '../../components/ErrorBox';
import { useAudit } from '../../stores/audit';
import { AuditTable } from './AuditTable';
import './audit.css';

function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function VerifyResult() {
  const verify = useAudit((s) => s.verify);
  if (!verify) return null;
  if (verify.ok) return <p className="verify-ok" role="status" aria-label="Verify result">The chain verifies: {verify.lines} line(s) in {verify.files.length} file(s), none edited or removed.</p>;
  const bad = verify.firstBad!;
  return (
    <ErrorBox
      title="The audit log does not verify"
      error={{ code: 'AUDIT_TAMPERED', message: `${bad.file}, line ${bad.line}: ${bad.reason}.`, hint: 'Restore the audit folder from a backup and find out who edited it.' }}
    />
  );
}

/** The audit log: who changed what, where and with what result; filter, verify, export CSV. */
export function AuditScreen() {
  const { filter, lines, total, loaded, error, setFilter, load, runVerify, exportCsv } = useAudit();
  const [exported, setExported] = useState<string>();
  useEffect(() => void load(), [load, filter]);

  return (
    <div className="screen audit-screen">
      <header className="screen-head">
        <h1>Audit log</h1>
        <div className="actions">
          <button onClick={() => void runVerify()}>Verify chain</button>
          <button
            onClick={() =>
              void exportCsv().then((r) => {
                if (!r) return;
                download(`tenantry-audit-${new Date().toISOString().slice(0, 10)}.csv`, r.content, 'text/csv');
                setExported(`Exported ${r.count} line(s) as CSV.`);
              })
            }
          >
            Export CSV
          </button>
        </div>
      </header>
      <VerifyResult />
      {exported && <p className="muted small">{exported}</p>}
      <form className="audit-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter">
        <input aria-label="Search" placeholder="search target, parameters, error" value={filter.text ?? ''} onChange={(e) => setFilter({ text: e.target.value })} />
        <input aria-label="Action" placeholder="action (e.g. migrations.)" value={filter.action ?? ''} onChange={(e) => setFilter({ action: e.target.value })} />
        <input aria-label="Profile" placeholder="profile" value={filter.profile ?? ''} onChange={(e) => setFilter({ profile: e.target.value })} />
        <select aria-label="Environment" value={filter.environment ?? ''} onChange={(e) => setFilter({ environment: e.target.value })}>
          <option value="">any environment</option>
          {ENVIRONMENTS.map((env) => (
            <option key={env}>{env}</option>
          ))}
        </select>
        <select aria-label="Result" value={filter.result ?? ''} onChange={(e) => setFilter({ result: (e.target.value || undefined) as (typeof AUDIT_RESULTS)[number] | undefined })}>
          <option value="">any result</option>
          {AUDIT_RESULTS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </form>
      {error && <ErrorBox error={error} />}
      {loaded && <p className="muted small">{total === lines.length ? `${total} line(s)` : `newest ${lines.length} of ${total} line(s)`}</p>}
      {loaded && lines.length === 0 ? <p className="empty">No audit lines match.</p> : <AuditTable lines={lines} />}
    </div>
  );
}
