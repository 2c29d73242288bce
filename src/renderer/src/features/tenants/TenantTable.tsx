import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import { MiddleEllipsis } from '../../components/MiddleEllipsis';
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

const MIN_SCHEMA = 140;
const MAX_SCHEMA = 720;
const clampWidth = (w: number) => Math.min(MAX_SCHEMA, Math.max(MIN_SCHEMA, Math.round(w)));

/** The schema column's width, dragged (or moved with the arrow keys) on its header's edge; undefined until then. */
function useSchemaWidth() {
  const [width, setWidth] = useState<number>();
  const startDrag = (e: PointerEvent<HTMLSpanElement>) => {
    const cell = e.currentTarget.parentElement!;
    const startX = e.clientX;
    const startW = cell.getBoundingClientRect().width;
    e.currentTarget.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => setWidth(clampWidth(startW + ev.clientX - startX));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const onKey = (e: KeyboardEvent<HTMLSpanElement>) => {
    const cell = e.currentTarget.parentElement!;
    const step = e.key === 'ArrowRight' ? 24 : e.key === 'ArrowLeft' ? -24 : 0;
    if (!step) return;
    e.preventDefault();
    setWidth(clampWidth((width ?? cell.getBoundingClientRect().width) + step));
  };
  return { width, startDrag, onKey };
}

/** The tenant list: only the rows in view are in the DOM, so 10,000 tenants scroll like 10. */
export function TenantTable(props: {
  rows: TenantRow[];
  selected?: string;
  sort: { key: SortKey; desc: boolean };
  onSort(key: SortKey): void;
  onSelect(schema: string): void;
}) {
  const { rows, selected, sort } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const { t: tr, fmt } = useT();
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const resize = useSchemaWidth();
  const style = (resize.width ? { '--t-schema-w': `${resize.width}px` } : {}) as CSSProperties;

  return (
    <div className="tenant-table" role="table" aria-label={tr('tn.table')} aria-rowcount={rows.length} style={style}>
      <div className="t-row t-head" role="row">
        {COLUMNS.map((c) =>
          c.key === 'schema' ? (
            <span
              key={c.key}
              className="t-head-cell"
              role="columnheader"
              aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
            >
              <button className="ghost t-sort" onClick={() => props.onSort('schema')}>
                {tr(c.label)}
                {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
              </button>
              <span
                className="t-resize"
                role="separator"
                aria-orientation="vertical"
                aria-label={tr('tn.resizeSchema')}
                aria-valuenow={resize.width ?? 0}
                tabIndex={0}
                onPointerDown={resize.startDrag}
                onKeyDown={resize.onKey}
                data-testid="resize-schema"
              />
            </span>
          ) : c.key === 'domains' ? (
            <span key={c.key} role="columnheader">
              {tr(c.label)}
            </span>
          ) : (
            <button
              key={c.key}
              role="columnheader"
              className="ghost t-sort"
              aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              onClick={() => props.onSort(c.key as SortKey)}
            >
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
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={() => props.onSelect(t.schema)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onSelect(t.schema)}
              >
                <span role="cell" className="mono t-schema" aria-label={t.schema} data-testid={`schema-${t.schema}`}>
                  <MiddleEllipsis text={t.schema} />
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
