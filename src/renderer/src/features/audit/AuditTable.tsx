import { useState } from 'react';
import { envLabel, useT } from '../../i18n';
import type { AuditLineRow } from '../../stores/audit';

/** One row per line; a row opens to show its parameters, error and hash (all as text). */
export function AuditTable({ lines }: { lines: AuditLineRow[] }) {
  const [open, setOpen] = useState<string>();
  const { t } = useT();
  return (
    <table className="grid audit-table" aria-label={t('audit.lines')}>
      <thead>
        <tr>
          <th>{t('audit.col.when')}</th>
          <th>{t('audit.col.who')}</th>
          <th>{t('audit.col.environment')}</th>
          <th>{t('audit.col.profile')}</th>
          <th>{t('audit.col.action')}</th>
          <th>{t('audit.col.target')}</th>
          <th>{t('audit.col.result')}</th>
          <th className="num">{t('audit.col.took')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <AuditRow
            key={l.hash}
            line={l}
            open={open === l.hash}
            onToggle={() => setOpen(open === l.hash ? undefined : l.hash)}
          />
        ))}
      </tbody>
    </table>
  );
}

function AuditRow({ line, open, onToggle }: { line: AuditLineRow; open: boolean; onToggle: () => void }) {
  const { t, fmt } = useT();
  return (
    <>
      <tr className={`result-${line.result}`} onClick={onToggle}>
        <td className="nowrap">
          {/* The row opens by click; the button makes it reachable by keyboard and tells screen readers. */}
          <button
            className="ghost row-toggle"
            aria-expanded={open}
            onClick={(e) => {
              e.stopPropagation();
              onToggle();
            }}
          >
            {fmt.date(line.at)}
          </button>
        </td>
        <td>{line.who}</td>
        <td>
          {line.environment && <span className={`badge env-${line.environment}`}>{envLabel(t, line.environment)}</span>}
        </td>
        <td>
          {line.profile}
          {line.database && <div className="muted small mono">{line.database}</div>}
        </td>
        <td className="mono">{line.action}</td>
        <td className="mono">{line.target}</td>
        <td>
          <span className={`badge result result-${line.result}`}>{t(`audit.res.${line.result}`)}</span>
        </td>
        <td className="num">{line.durationMs === undefined ? '' : t('audit.ms', { ms: line.durationMs })}</td>
      </tr>
      {open && (
        <tr className="detail-row">
          <td colSpan={8}>
            {line.error && <div className="audit-error">{line.error}</div>}
            {line.params && <pre className="mono small">{JSON.stringify(line.params, null, 2)}</pre>}
            <div className="muted small mono">{t('audit.hash', { hash: line.hash })}</div>
          </td>
        </tr>
      )}
    </>
  );
}
