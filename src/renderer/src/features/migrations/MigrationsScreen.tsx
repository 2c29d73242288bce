import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { useJobs } from '../../stores/jobs';
import { useMigrations, type MatrixFilter } from '../../stores/migrations';
import { ApplyPanel } from './ApplyPanel';
import { ComparePanel } from './ComparePanel';
import { HistoryPanel } from './HistoryPanel';
import { StatusMatrix } from './StatusMatrix';
import './migrations.css';

type Tab = 'matrix' | 'compare' | 'history';

function MigrationsBody({ profileId }: { profileId: string }) {
  const { status, loading, error, filter, setFilter, load } = useMigrations();
  const subscribe = useJobs((s) => s.subscribe);
  const [tab, setTab] = useState<Tab>('matrix');
  useEffect(() => {
    subscribe();
    void load(profileId);
  }, [profileId, load, subscribe]);

  const counts = status?.counts;
  const filters: { id: MatrixFilter; label: string; n?: number }[] = [
    { id: 'all', label: 'All', n: counts?.tenants },
    { id: 'behind', label: 'Behind', n: counts?.behind },
    { id: 'failed', label: 'Failed', n: counts?.failed },
    { id: 'drifted', label: 'Drifted', n: counts?.drifted },
  ];
  return (
    <>
      <header className="screen-head">
        <h1>Migrations</h1>
        <div className="actions">
          <button onClick={() => void load(profileId)} disabled={loading}>
            {loading ? 'Reading…' : 'Refresh'}
          </button>
        </div>
      </header>
      {error && <ErrorBox error={error} title="Status unavailable" />}
      {status && (
        <p className="muted small" aria-label="Status summary">
          {status.registry.kind} registry · {counts?.tenants} tenants · {counts?.upToDate} up to date · {counts?.behind} behind · {counts?.failed} failed · {counts?.drifted} drifted · {counts?.missing} missing schema · every ledger read in {status.ledgerReadMs} ms
        </p>
      )}
      {status?.warnings.map((w) => (
        <p key={w} className="muted small">
          ⚠ {w}
        </p>
      ))}
      <ApplyPanel />
      <div className="tabs" role="tablist">
        {(['matrix', 'compare', 'history'] as const).map((t) => (
          <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
            {t === 'matrix' ? 'Status matrix' : t === 'compare' ? 'Compare profiles' : 'History'}
          </button>
        ))}
      </div>
      {tab === 'matrix' && status && (
        <>
          <div className="filters" role="group" aria-label="Filters">
            {filters.map((f) => (
              <button key={f.id} className={filter === f.id ? 'active' : ''} aria-pressed={filter === f.id} onClick={() => setFilter(f.id)} data-filter={f.id}>
                {f.label} <span className="count">{f.n ?? 0}</span>
              </button>
            ))}
          </div>
          <StatusMatrix status={status} filter={filter} />
          {status.django && (
            <p className="muted small">
              django_migrations: {status.django.tenants.length} schemas, {status.django.migrations.length} migrations, {status.django.tenants.filter((t) => t.missing.length).length} behind the others.
            </p>
          )}
        </>
      )}
      {tab === 'compare' && <ComparePanel profileId={profileId} />}
      {tab === 'history' && <HistoryPanel />}
    </>
  );
}

export function MigrationsScreen() {
  return <div className="screen migrations-screen">{<NeedsConnection>{(id) => <MigrationsBody profileId={id} />}</NeedsConnection>}</div>;
}
