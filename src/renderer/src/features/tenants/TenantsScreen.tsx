import { useEffect, useMemo, useState } from 'react';
import { TENANT_FILTERS } from '../../../../shared/model/tenants';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { useT } from '../../i18n';
import { countByState, useTenants, visibleTenants } from '../../stores/tenants';
import { countFleet } from '../../../../shared/model/fleet-counts';
import { CreateTenantForm } from './CreateTenantForm';
import { FleetCountsLine } from './FleetCountsLine';
import { CrossQueryPanel } from './CrossQueryPanel';
import { SchemaCopy } from './SchemaCopy';
import { TenantDetail } from './TenantDetail';
import { TenantInsight } from './TenantInsight';
import { TenantTable } from './TenantTable';
import './tenants.css';

type Side = 'detail' | 'create' | 'query';

function TenantsView({ profileId }: { profileId: string }) {
  const { list, loading, error, filter, search, sort, selected, load, setFilter, setSearch, setSort, select } =
    useTenants();
  const [side, setSide] = useState<Side>('detail');
  const { t } = useT();

  useEffect(() => void load(profileId), [profileId, load]);
  const rows = useMemo(
    () => (list ? visibleTenants(list.tenants, filter, search, sort) : []),
    [list, filter, search, sort],
  );
  const counts = useMemo(() => (list ? countByState(list.tenants) : undefined), [list]);
  const current = list?.tenants.find((t) => t.schema === selected);

  return (
    <div className="screen tenants-screen">
      <header className="screen-head">
        <h1>{t('tn.title')}</h1>
        <div className="actions">
          <button onClick={() => void load(profileId)} disabled={loading}>
            {loading ? t('common.loading') : t('common.refresh')}
          </button>
          <button onClick={() => setSide('query')}>{t('tn.query')}</button>
          <button className="primary" onClick={() => setSide('create')}>
            {t('tn.new')}
          </button>
        </div>
      </header>
      {error && <ErrorBox error={error} title={t('tn.listError')} />}
      {list && (
        <p className="muted small" data-testid="registry-line">
          {t('tn.registryLine', {
            kind: list.registry.kind,
            source: list.registry.source,
            count: list.registry.tenantCount,
            ms: list.queryMs,
          })}
          {list.warnings.map((w) => ` · ${w}`)}
        </p>
      )}
      {list && <FleetCountsLine counts={countFleet(list.tenants)} />}
      {counts && (
        <div className="t-filters" role="group" aria-label={t('tn.filterByState')}>
          <button className={!filter ? 'chip on' : 'chip'} aria-pressed={!filter} onClick={() => setFilter(undefined)}>
            {t('tn.all', { count: list!.tenants.length })}
          </button>
          {TENANT_FILTERS.map((f) => (
            <button
              key={f}
              className={`chip t-${f} ${filter === f ? 'on' : ''}`}
              aria-pressed={filter === f}
              onClick={() => setFilter(filter === f ? undefined : f)}
            >
              {t(`tn.state.${f}`)} {counts[f]}
            </button>
          ))}
          <input
            type="search"
            aria-label={t('tn.search')}
            placeholder={t('tn.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <span className="muted small">{t('tn.shown', { count: rows.length })}</span>
        </div>
      )}
      <div className={side === 'query' ? 't-split wide' : side === 'detail' && !current ? 't-split closed' : 't-split'}>
        <TenantTable
          rows={rows}
          selected={selected}
          sort={sort}
          onSort={setSort}
          onSelect={(s) => {
            select(s);
            setSide('detail');
          }}
        />
        {(side !== 'detail' || current) && (
          <aside className="detail t-side">
            {side === 'create' ? (
              <CreateTenantForm
                profileId={profileId}
                onDone={(schema) => {
                  setSide('detail');
                  if (schema) {
                    setFilter(undefined);
                    setSearch(schema);
                    select(schema);
                  }
                }}
              />
            ) : side === 'query' ? (
              <CrossQueryPanel />
            ) : current && list ? (
              <>
                <TenantDetail
                  key={current.schema}
                  profileId={profileId}
                  tenant={current}
                  canSuspend={list.canSuspend}
                />
                <SchemaCopy schema={current.schema} />
                <TenantInsight
                  key={`insight-${current.schema}`}
                  profileId={profileId}
                  tenant={current}
                  migrations={list.migrations}
                />
              </>
            ) : null}
          </aside>
        )}
      </div>
    </div>
  );
}

export function TenantsScreen() {
  return <NeedsConnection>{(profileId) => <TenantsView profileId={profileId} />}</NeedsConnection>;
}
