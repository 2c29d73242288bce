import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { useT, type MessageKey } from '../../i18n';
import { countFleet } from '../../../../shared/model/fleet-counts';
import { useJobs } from '../../stores/jobs';
import { FleetCountsLine } from '../tenants/FleetCountsLine';
import { useMigrations, type MatrixFilter } from '../../stores/migrations';
import { ApplyPanel } from './ApplyPanel';
import { ComparePanel } from './ComparePanel';
import { HistoryPanel } from './HistoryPanel';
import { RollbackPanel } from './RollbackPanel';
import { StatusMatrix } from './StatusMatrix';
import './migrations.css';

type Tab = 'matrix' | 'compare' | 'history' | 'rollback';

function MigrationsBody({ profileId }: { profileId: string }) {
  const { status, loading, error, filter, setFilter, load } = useMigrations();
  const subscribe = useJobs((s) => s.subscribe);
  const [tab, setTab] = useState<Tab>('matrix');
  const { t: tr } = useT();
  useEffect(() => {
    subscribe();
    void load(profileId);
  }, [profileId, load, subscribe]);

  const counts = status?.counts;
  const missing = status?.tenants.filter((r) => r.status === 'missing').map((r) => r.schema) ?? [];
  const filters: { id: MatrixFilter; label: MessageKey; n?: number }[] = [
    { id: 'all', label: 'mg.filter.all', n: counts?.tenants },
    { id: 'behind', label: 'mg.filter.behind', n: counts?.behind },
    { id: 'failed', label: 'mg.filter.failed', n: counts?.failed },
    { id: 'drifted', label: 'mg.filter.drifted', n: counts?.drifted },
  ];
  return (
    <>
      <header className="screen-head">
        <h1>{tr('mg.title')}</h1>
        <div className="actions">
          <button onClick={() => void load(profileId)} disabled={loading}>
            {loading ? tr('mg.reading') : tr('common.refresh')}
          </button>
        </div>
      </header>
      {error && <ErrorBox error={error} title={tr('mg.unavailable')} />}
      {status && (
        <p className="muted small" aria-label={tr('mg.summaryLabel')}>
          {tr('mg.summary', {
            kind: status.registry.kind,
            tenants: counts?.tenants ?? 0,
            upToDate: counts?.upToDate ?? 0,
            behind: counts?.behind ?? 0,
            failed: counts?.failed ?? 0,
            drifted: counts?.drifted ?? 0,
            missing: counts?.missing ?? 0,
            ms: status.ledgerReadMs,
          })}
        </p>
      )}
      {status && (
        <FleetCountsLine
          counts={countFleet([
            ...status.tenants.filter((r) => !r.named),
            ...status.orphans.map(() => ({ status: 'orphan' })),
          ])}
        />
      )}
      {missing.length > 0 && (
        <p className="muted small" data-testid="missing-warning">
          ⚠{' '}
          {tr('mg.missingWarning', {
            count: missing.length,
            list: missing.slice(0, 5).join(', ') + (missing.length > 5 ? ', …' : ''),
          })}
        </p>
      )}
      <ApplyPanel />
      <div className="tabs" role="tablist" aria-label={tr('mg.tabs')}>
        {(['matrix', 'compare', 'history', 'rollback'] as const).map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'active' : ''}
            onClick={() => setTab(t)}
          >
            {tr(`mg.tab.${t}`)}
          </button>
        ))}
      </div>
      {tab === 'matrix' && status && (
        <>
          <div className="filters" role="group" aria-label={tr('mg.filters')}>
            {filters.map((f) => (
              <button
                key={f.id}
                className={filter === f.id ? 'active' : ''}
                aria-pressed={filter === f.id}
                onClick={() => setFilter(f.id)}
                data-filter={f.id}
              >
                {tr(f.label)} <span className="count">{f.n ?? 0}</span>
              </button>
            ))}
          </div>
          <StatusMatrix status={status} filter={filter} />
          {status.django && (
            <p className="muted small">
              {tr('mg.django', {
                schemas: status.django.tenants.length,
                migrations: status.django.migrations.length,
                behind: status.django.tenants.filter((t) => t.missing.length).length,
              })}
            </p>
          )}
        </>
      )}
      {tab === 'compare' && <ComparePanel profileId={profileId} />}
      {tab === 'history' && <HistoryPanel />}
      {tab === 'rollback' && <RollbackPanel />}
    </>
  );
}

export function MigrationsScreen() {
  return (
    <div className="screen migrations-screen">
      {<NeedsConnection>{(id) => <MigrationsBody profileId={id} />}</NeedsConnection>}
    </div>
  );
}
