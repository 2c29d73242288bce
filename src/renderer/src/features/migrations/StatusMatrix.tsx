import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { MigrationStatus, SchemaStatus } from '../../../../shared/model/migrations';
import { useT } from '../../i18n';
import type { MatrixFilter } from '../../stores/migrations';
import { useTenantFocus } from '../../stores/tenant-focus';
import { cellState, matches, rowState } from './cell-state';

const ROW_HEIGHT = 24;

/** A column head short enough to stay apart from its neighbours: "0004_enrollment" → "04"; the full name is its title. */
export function columnLabel(name: string): string {
  const prefix = name.split('_')[0];
  return /^\d+$/.test(prefix) ? String(Number(prefix)).padStart(2, '0') : prefix.slice(0, 4);
}

function MatrixRow({ row, names }: { row: SchemaStatus; names: string[] }) {
  const state = rowState(row);
  const { t } = useT();
  return (
    <>
      <div
        className="mx-name mono"
        title={row.name && row.name !== row.schema ? `${row.name} (${row.schema})` : row.schema}
      >
        {row.schema}
        {row.shared && <span className="badge">{t('mg.shared')}</span>}
        {row.named && <span className="badge">{t('mg.named')}</span>}
        {row.status === 'suspended' && <span className="badge">{t('mg.suspended')}</span>}
      </div>
      {state === 'missing' ? (
        <div className="mx-missing muted small">{t('mg.missingSkipped')}</div>
      ) : (
        names.map((name) => {
          const cell = cellState(row, name);
          const error = row.errors?.[name];
          return (
            <div
              key={name}
              role="img"
              className={`mx-cell mx-${cell}`}
              title={`${row.schema} · ${name}: ${t(`mg.cell.${cell}`)}${error ? ` — ${error}` : ''}`}
              aria-label={`${name} ${t(`mg.cell.${cell}`)}`}
            />
          );
        })
      )}
      <div className={`mx-state mx-state-${state}`}>{t(`mg.row.${state}`)}</div>
    </>
  );
}

/** Tenants × migrations as a heat map; only the visible rows are rendered (10,000 tenants scroll smoothly). */
export function StatusMatrix({ status, filter }: { status: MigrationStatus; filter: MatrixFilter }) {
  const parent = useRef<HTMLDivElement>(null);
  const { t } = useT();
  const shared = status.tenants.filter((t) => t.shared);
  // Named schemas (one database split by domain) sit under public, each against its own files, in apply order.
  const named = status.tenants.filter((t) => t.named);
  const rows = status.tenants.filter((t) => !t.shared && !t.named && matches(t, filter));
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const focused = useTenantFocus((s) => s.schema);
  const focusAt = focused ? rows.findIndex((r) => r.schema === focused) : -1;
  useEffect(() => {
    if (focusAt >= 0) virtual.scrollToIndex(focusAt, { align: 'center' });
  }, [focusAt, virtual]);
  const columns = `minmax(220px, 1.4fr) repeat(${status.migrations.length}, 28px) 110px`;
  return (
    <div className="matrix" role="region" aria-label={t('mg.matrix')}>
      {shared.map((row) => (
        <div
          key={row.schema}
          className="mx-row mx-shared"
          style={{ gridTemplateColumns: `minmax(220px, 1.4fr) repeat(${status.sharedMigrations.length}, 28px) 110px` }}
          data-schema={row.schema}
          data-state={rowState(row)}
        >
          <MatrixRow row={row} names={status.sharedMigrations} />
        </div>
      ))}
      {named.map((row) => {
        const names = status.namedSchemas?.find((n) => n.schema === row.schema)?.migrations ?? [];
        return (
          <div
            key={row.schema}
            className="mx-row mx-shared mx-named"
            style={{ gridTemplateColumns: `minmax(220px, 1.4fr) repeat(${names.length}, 28px) 110px` }}
            data-schema={row.schema}
            data-state={rowState(row)}
          >
            <MatrixRow row={row} names={names} />
          </div>
        );
      })}
      <div className="mx-row mx-head" style={{ gridTemplateColumns: columns }}>
        <div className="mx-name muted small">{t('mg.tenantSchema', { count: rows.length })}</div>
        {status.migrations.map((name) => (
          <div key={name} className="mx-col muted small" title={name} aria-label={name}>
            {columnLabel(name)}
          </div>
        ))}
        <div className="mx-state-head muted small">{t('mg.state')}</div>
      </div>
      <div ref={parent} className="mx-scroll" data-testid="matrix-scroll">
        {rows.length === 0 ? (
          <p className="muted empty">{t('mg.noMatch')}</p>
        ) : (
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const row = rows[item.index];
              return (
                <div
                  key={row.schema}
                  className={row.schema === focused ? 'mx-row mx-focus' : 'mx-row'}
                  data-schema={row.schema}
                  data-state={rowState(row)}
                  style={{
                    gridTemplateColumns: columns,
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <MatrixRow row={row} names={status.migrations} />
                </div>
              );
            })}
          </div>
        )}
      </div>
      <div className="mx-legend small muted">
        {(['applied', 'pending', 'failed', 'drifted', 'out-of-order'] as const).map((s) => (
          <span key={s}>
            <i className={`mx-cell mx-${s}`} /> {t(`mg.cell.${s}`)}
          </span>
        ))}
      </div>
    </div>
  );
}
