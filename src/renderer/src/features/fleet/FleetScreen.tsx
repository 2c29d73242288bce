import { useEffect } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { useFleet, type FleetTab } from '../../stores/fleet';
import { ActionsTab } from './ActionsTab';
import { BaselineTab } from './BaselineTab';
import { DriftTab } from './DriftTab';
import { PrivilegesTab } from './PrivilegesTab';
import './fleet.css';

const TABS: { id: FleetTab; label: string }[] = [
  { id: 'drift', label: 'Drift' },
  { id: 'baseline', label: 'Baseline' },
  { id: 'actions', label: 'Actions' },
  { id: 'privileges', label: 'Privileges' },
];

function FleetView({ profileId }: { profileId: string }) {
  const { tab, setTab, reset, error } = useFleet();
  // Children's effects run before this one: they wait until the store follows this profile.
  const ready = useFleet((s) => s.profileId === profileId);
  useEffect(() => reset(profileId), [profileId, reset]);
  return (
    <div className="screen fl-screen">
      <header className="screen-head">
        <h1>Fleet</h1>
      </header>
      <div className="fl-tabs" role="tablist" aria-label="Fleet operations">
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'fl-tab on' : 'fl-tab'} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {error && <ErrorBox error={error} title="Fleet" />}
      {ready && (
        <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
          {tab === 'drift' && <DriftTab />}
          {tab === 'baseline' && <BaselineTab profileId={profileId} />}
          {tab === 'actions' && <ActionsTab profileId={profileId} />}
          {tab === 'privileges' && <PrivilegesTab />}
        </div>
      )}
    </div>
  );
}

export function FleetScreen() {
  return <NeedsConnection>{(profileId) => <FleetView profileId={profileId} />}</NeedsConnection>;
}
