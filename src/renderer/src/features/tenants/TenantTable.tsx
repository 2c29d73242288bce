import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TenantRow } from '../../../../shared/model/tenants';
import { useT, type MessageKey } from '../../i18n';
import type { SortKey } from '../../stores/tenants';

const ROW_HEIGHT = 34;

const COLUMNS: { key: SortKey | 'domains'; label: MessageKey }[] = [
  { key: 'schema', label: 'tn.col.schema' },
  { key: 'name', label: 'tn.col.name' },
  { key: 'status', label: 'tn.col.state' },
  { key: 'behind', label: 'tn.col.behind' },
  { key: 'sizeBytes', label: 'tn.col.size' },
  { key: 'lastBackupAt', label: 'tn.col.lastBackup' },
  { key: 'domains', label: 'tn.col.domains' },
];

export function StatusBadge({ row }: { row: TenantRow }) {
  const { t } = useT();
  if (row.shared) return <span className="badge t-shared">{t('tn.state.shared')}</span>;
  return <span className={`badge t-${row.status}`}>{t(`tn.state.${row.status}`)}</span>;
}

/** The tenant list: only the rows in view are in the DOM, so 10,000 tenants scroll like 10. */
export function TenantTable(props: { rows: TenantRow[]; selected?: string; sort: { key: SortKey; desc: boolean }; onSort(key: SortKey): void; onSelect(schema: string): void }) {
  const { rows, selected, sort } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const { t: tr, fmt } = useT();
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  return (
    <div className="tenant-table" role="table" aria-label={tr('tn.table')} aria-rowcount={rows.length}>
      <div className="t-row t-head" role="row">
        {COLUMNS.map((c) =>
          c.key === 'domains' ? (
            <span key={c.key} role="columnheader">
              {tr(c.label)}
            </span>
          ) : (
            <button key={c.key} role="columnheader" className="ghost t-sort" aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'} onClick={() => props.onSort(c.key as SortKey)}>
              {tr(c.label)}
              {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
            </button>
          ),
        )}
      </div>
      <div className="t-scroll" ref={scroller} data-testid="tenant-scroll">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const t = rows[item.index];
            return (
              <div
                key={t.schema}
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={t.schema === selected}
                tabIndex={0}
                className={`t-row ${t.schema === selected ? 'selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => props.onSelect(t.schema)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onSelect(t.schema)}
              >
                <span role="cell" className="mono ellipsis" title={t.schema}>
                  {t.schema}
                </span>
                <span role="cell" className="ellipsis" title={t.name}>
                  {t.name}
                </span>
                <span role="cell">
                  <StatusBadge row={t} />
                </span>
                <span role="cell" className={t.behind ? 't-behind' : 'muted'}>
                  {t.behind ?? '–'}
                </span>
                <span role="cell" className="num">
                  {fmt.bytes(t.sizeBytes)}
                </span>
                <span role="cell" className="muted small">
                  {fmt.date(t.lastBackupAt, tr('common.never'))}
                </span>
                <span role="cell" className="ellipsis muted small" title={t.domains.join(', ')}>
                  {t.domains.join(', ')}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
