import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { listJournals, removeJournal, type RestoreJournal } from './journal';
import { finishRestore, recoveryDirection, undoRestore } from './restore-settle';

export interface RecoveryReport {
  journal: string;
  targetSchema: string;
  step: string;
  outcome: 'finished' | 'undone' | 'failed';
  error?: string;
}

function profileFor(deps: CoreDeps, j: RestoreJournal): Profile {
  try {
    return deps.profiles.get(j.profileId);
  } catch {
    // A `--url` run's profile is gone with its process: reconnect from the journal's settings.
    return deps.profiles.addEphemeral({ ...j.profile, environment: j.profile.environment as Profile['environment'], name: `recovery-${j.id}`, registry: 'auto', keepAsideAfterRestore: j.keepAside });
  }
}

/**
 * Finishes or undoes every restore a killed console left in `<app data>/journal/`. Call once at
 * core start, before any new restore: a verified restore is completed, anything earlier is undone.
 */
export async function recoverInterruptedRestores(deps: CoreDeps): Promise<RecoveryReport[]> {
  const reports: RecoveryReport[] = [];
  for (const j of await listJournals(deps.dataDir)) {
    const direction = recoveryDirection(j);
    const profile = profileFor(deps, j);
    try {
      const client = await deps.pools.dedicatedClient(profile);
      try {
        if (direction === 'finish') await finishRestore(client, j);
        else await undoRestore(client, j);
      } finally {
        await client.end().catch(() => undefined);
      }
      await removeJournal(deps.dataDir, j.id);
      reports.push({ journal: j.id, targetSchema: j.targetSchema, step: j.step, outcome: direction === 'finish' ? 'finished' : 'undone' });
      await deps.audit
        .record({ action: 'backup.restore.recover', profileId: profile.id, profile: profile.name, environment: profile.environment, database: profile.database, target: j.targetSchema, params: { journal: j.id, step: j.step, backupId: j.backupId, outcome: direction }, result: 'ok' })
        .catch(() => undefined);
    } catch (e) {
      reports.push({ journal: j.id, targetSchema: j.targetSchema, step: j.step, outcome: 'failed', error: (e as Error).message });
    }
  }
  return reports;
}
