import { useEffect } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { NeedsConnection } from '../../components/NeedsConnection';
import { useT, type MessageKey } from '../../i18n';
import { useFleet, type FleetTab } from '../../stores/fleet';
import { ActionsTab } from './ActionsTab';
import { BaselineTab } from './BaselineTab';
import { DriftTab } from './DriftTab';
import { PrivilegesTab } from './PrivilegesTab';
import './fleet.css';

const TABS: { id: FleetTab; label: MessageKey }[] = [
  { id: 'drift', label: 'fl.tab.drift' },
  { id: 'baseline', label: 'fl.tab.baseline' },
  { id: 'actions', label: 'fl.tab.actions' },
  { id: 'privileges', label: 'fl.tab.privileges' },
];

function FleetView({ profileId }: { profileId: string }) {
  const { tab, setTab, reset, error } = useFleet();
  const { t: tr } = useT();
  // Children's effects run before this one: they wait until the store follows this profile.
  const ready = useFleet((s) => s.profileId === profileId);
  useEffect(() => reset(profileId), [profileId, reset]);
  return (
    <div className="screen fl-screen">
      <header className="screen-head">
        <h1>{tr('fl.title')}</h1>
      </header>
      <div className="fl-tabs" role="tablist" aria-label={tr('fl.tabs')}>
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'fl-tab on' : 'fl-tab'}
            onClick={() => setTab(t.id)}
          >
            {tr(t.label)}
          </button>
        ))}
      </div>
      {error && <ErrorBox error={error} title={tr('fl.title')} />}
      {ready && (
        <div role="tabpanel" aria-label={tr(TABS.find((t) => t.id === tab)?.label ?? 'fl.tab.drift')}>
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
