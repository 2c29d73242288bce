import { useState } from 'react';
import type { AuditLineRow } from '../../stores/audit';

function when(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString()}`;
}

/** One row per line; a row opens to show its parameters, error and hash (all as text). */
export function AuditTable({ lines }: { lines: AuditLineRow[] }) {
  const [open, setOpen] = useState<string>();
  return (
    <table className="grid audit-table" aria-label="Audit lines">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>Environment</th>
          <th>Profile / database</th>
          <th>Action</th>
          <th>Target</th>
          <th>Result</th>
          <th className="num">Took</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <AuditRow key={l.hash} line={l} open={open === l.hash} onToggle={() => setOpen(open === l.hash ? undefined : l.hash)} />
        ))}
      </tbody>
    </table>
  );
}

function AuditRow({ line, open, onToggle }: { line: AuditLineRow; open: boolean; onToggle: () => void }) {
  return (
    <>
      <tr className={`result-${line.result}`} onClick={onToggle} aria-expanded={open}>
        <td className="nowrap">{when(line.at)}</td>
        <td>{line.who}</td>
        <td>{line.environment && <span className={`badge env-${line.environment}`}>{line.environment}</span>}</td>
        <td>
          {line.profile}
          {line.database && <div className="muted small mono">{line.database}</div>}
        </td>
        <td className="mono">{line.action}</td>
        <td className="mono">{line.target}</td>
        <td>
          <span className={`badge result result-${line.result}`}>{line.result}</span>
        </td>
        <td className="num">{line.durationMs === undefined ? '' : `${line.durationMs} ms`}</td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={8}>
            {line.error && <div className="audit-error">{line.error}</div>}
            {line.params && <pre className="mono small">{JSON.stringify(line.params, null, 2)}</pre>}
            <div className="muted small mono">hash {line.hash}</div>
          </td>
        </tr>
      )}
    </>
  );
}
