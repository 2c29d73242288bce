import { valueText } from './report-view';

/** Rows a check or a fix found, as text (database values are never HTML). */
export function RowsTable({
  columns,
  rows,
  label,
  className = 'grid',
}: {
  columns: string[];
  rows: Record<string, unknown>[];
  label?: string;
  className?: string;
}) {
  return (
    <table className={className} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c} className="mono">
                {valueText(row[c])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
