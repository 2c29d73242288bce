import { useApp } from './app';
import { useBackups } from './backups';
import { useChecklists } from './checklists';
import { useIntent } from './intent';

/**
 * On a profile switch, what belongs to the previous profile leaves the screen at once (an open
 * restore wizard, a runbook run, a pending palette request), before the new profile's data loads.
 * Stores keyed by profile (migrations, checks, fleet, tenants) reset themselves on their next load.
 */
export function resetOnProfileSwitch(): () => void {
  return useApp.subscribe((s, prev) => {
    if (s.activeProfileId === prev.activeProfileId) return;
    useBackups.setState({ wizard: undefined, backupJobId: undefined });
    const checklists = useChecklists.getState();
    if (checklists.profileId !== s.activeProfileId) useChecklists.setState({ profileId: s.activeProfileId, run: undefined, runs: [], runbooks: undefined, jobId: undefined, error: undefined });
    useIntent.setState({ intent: undefined });
  });
}
