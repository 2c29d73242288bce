import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { withFileLock } from '../file-lock';
import { sweepLeftovers } from '../owned-temp';
import { sweepScratchClusters } from './pitr/scratch-cluster';
import { catalogDir } from './catalog';
import { journalOwnerGone, journalPath, listJournals, removeJournal, type RestoreJournal } from './journal';
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
    return deps.profiles.addEphemeral({
      ...j.profile,
      environment: j.profile.environment as Profile['environment'],
      name: `recovery-${j.id}`,
      registry: 'auto',
      keepAsideAfterRestore: j.keepAside,
    });
  }
}

/**
 * Finishes or undoes every restore in `<app data>/journal/` whose owner is gone (a killed
 * console); a restore still running in another process is never touched, and two processes
 * never recover the same journal. A verified restore is completed, anything earlier is undone.
 */
export async function recoverInterruptedRestores(deps: CoreDeps): Promise<RecoveryReport[]> {
  const reports: RecoveryReport[] = [];
  for (const found of await listJournals(deps.dataDir)) {
    if (!(await journalOwnerGone(deps.dataDir, found))) continue;
    const report = await withFileLock(
      `${journalPath(deps.dataDir, found.id)}.recovery`,
      () => recoverOne(deps, found.id),
      { waitMs: 0 },
    ).catch(() => undefined);
    if (report) reports.push(report);
  }
  return reports;
}

async function recoverOne(deps: CoreDeps, id: string): Promise<RecoveryReport | undefined> {
  // Under the recovery lock: another process may have finished it meanwhile.
  const j = (await listJournals(deps.dataDir)).find((x) => x.id === id);
  if (!j || !(await journalOwnerGone(deps.dataDir, j))) return undefined;
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
    await deps.audit
      .record({
        action: 'backup.restore.recover',
        profileId: profile.id,
        profile: profile.name,
        environment: profile.environment,
        database: profile.database,
        target: j.targetSchema,
        params: { journal: j.id, step: j.step, backupId: j.backupId, outcome: direction },
        result: 'ok',
      })
      .catch(() => undefined);
    return {
      journal: j.id,
      targetSchema: j.targetSchema,
      step: j.step,
      outcome: direction === 'finish' ? 'finished' : 'undone',
    };
  } catch (e) {
    return {
      journal: j.id,
      targetSchema: j.targetSchema,
      step: j.step,
      outcome: 'failed',
      error: (e as Error).message,
    };
  }
}

/** Every folder a dump is written to: the catalogs' and the profiles' own backup folders. */
async function dumpFolders(deps: CoreDeps): Promise<string[]> {
  // Every profile key's folder, also one whose first backup never reached the catalog.
  const keys = await fs.readdir(path.join(deps.dataDir, 'backups')).catch(() => [] as string[]);
  return [
    ...keys.map((k) => catalogDir(deps.dataDir, k)),
    ...deps.profiles.list().flatMap((p) => (p.backupDir ? [p.backupDir] : [])),
  ];
}

// Keyed by the audit log: the one object the core and every copy of its deps share.
const once = new WeakMap<object, Promise<RecoveryReport[]>>();

/**
 * What a gone process left: its restores finished or undone, its passfile and work folders and
 * `.partial` dumps removed. Runs once per process, in the commands that connect (CLI.md) and at
 * the start of the app and `serve`; never for a live owner.
 */
export function recoverLeftovers(deps: CoreDeps): Promise<RecoveryReport[]> {
  let run = once.get(deps.audit);
  if (!run) {
    run = (async () => {
      await sweepLeftovers(await dumpFolders(deps).catch(() => [])).catch(() => undefined);
      await sweepScratchClusters(deps.dataDir).catch(() => undefined);
      return recoverInterruptedRestores(deps);
    })();
    once.set(deps.audit, run);
  }
  return run;
}
