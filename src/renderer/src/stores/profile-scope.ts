import { useApp } from './app';
import { useBackups } from './backups';
import { useChecklists } from './checklists';
import { useIntent } from './intent';
import { useTenants } from './tenants';

/**
 * On a profile switch, what belongs to the previous profile leaves the screen at once (an open
 * restore wizard, a runbook run, the tenant list and its query results, a pending palette request),
 * before the new profile's data loads. Stores keyed by profile (migrations, checks, fleet, monitor)
 * reset themselves on their next load.
 */
export function resetOnProfileSwitch(): () => void {
  return useApp.subscribe((s, prev) => {
    if (s.activeProfileId === prev.activeProfileId) return;
    useBackups.setState({ wizard: undefined, backupJobId: undefined });
    const checklists = useChecklists.getState();
    if (checklists.profileId !== s.activeProfileId)
      useChecklists.setState({
        profileId: s.activeProfileId,
        run: undefined,
        runs: [],
        runbooks: undefined,
        jobId: undefined,
        error: undefined,
      });
    if (useTenants.getState().profileId !== s.activeProfileId)
      useTenants.setState({ list: undefined, selected: undefined, query: {} });
    useIntent.setState({ intent: undefined });
  });
}
