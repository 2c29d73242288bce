import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PgTarget } from './pg-process';
import { writeJsonAtomic } from '../atomic-file';
import { holdFileLock, isFileLockHeld, lockPathFor } from '../file-lock';
import { currentOwner, isThisHost, localProcessGone, type ProcessOwner } from '../process-owner';

export type RestoreMode = 'swap' | 'create' | 'scratch';
export type RestoreStep =
  | 'safety-backup'
  | 'aside'
  | 'restore'
  | 'verify'
  | 'drop-aside'
  | 'scratch-db'
  | 'restore-scratch'
  | 'rename'
  | 'move'
  | 'drop-scratch';

/** What a restore in progress has done so far: written before each step runs (`<app data>/journal/`). */
export interface RestoreJournal {
  id: string;
  mode: RestoreMode;
  backupId: string;
  sourceSchema: string;
  targetSchema: string;
  profileId: string;
  /** Connection settings without secrets, so recovery can reconnect after a `--url` run ended. */
  profile: PgTarget & { name: string; environment: string };
  aside?: string;
  scratchDb?: string;
  keepAside: boolean;
  /** application_name of the restore's child sessions. */
  appName: string;
  step: RestoreStep;
  startedAt: string;
  updatedAt: string;
  /** The process running the restore; it holds the journal's lock until the journal is removed. */
  owner?: ProcessOwner;
}

export const journalDir = (dataDir: string) => path.join(dataDir, 'journal');
const journalFile = (dataDir: string, id: string) => path.join(journalDir(dataDir), `restore-${id}.json`);

// The journals this process owns, with the release of each one's lock.
const held = new Map<string, () => Promise<void>>();

/** Writes the journal; the first write takes its lock, held by this process until removeJournal(). */
export async function writeJournal(dataDir: string, j: RestoreJournal): Promise<void> {
  const file = journalFile(dataDir, j.id);
  j.updatedAt = new Date().toISOString();
  j.owner ??= currentOwner();
  if (!held.has(file)) {
    await fs.mkdir(journalDir(dataDir), { recursive: true, mode: 0o700 });
    held.set(file, await holdFileLock(file));
  }
  await writeJsonAtomic(file, j);
}

export async function removeJournal(dataDir: string, id: string): Promise<void> {
  const file = journalFile(dataDir, id);
  await fs.rm(file, { force: true });
  const release = held.get(file);
  held.delete(file);
  // A journal recovered from a gone owner leaves that owner's lock folder behind: remove it too.
  if (release) await release().catch(() => undefined);
  else await fs.rm(lockPathFor(file), { recursive: true, force: true });
}

/** Gives a journal up for recovery by any process (its undo failed here): no owner, no lock. */
export async function abandonJournal(dataDir: string, j: RestoreJournal): Promise<void> {
  const file = journalFile(dataDir, j.id);
  delete j.owner;
  j.updatedAt = new Date().toISOString();
  await writeJsonAtomic(file, j);
  const release = held.get(file);
  held.delete(file);
  await release?.().catch(() => undefined);
}

/**
 * Whether the process that wrote the journal is gone: on this machine its pid is dead (or
 * reused); elsewhere its lock went stale. A journal from before owners were recorded counts as
 * gone unless a live process holds its lock.
 */
export async function journalOwnerGone(dataDir: string, j: RestoreJournal): Promise<boolean> {
  if (j.owner && isThisHost(j.owner)) return localProcessGone(j.owner);
  return !(await isFileLockHeld(journalFile(dataDir, j.id)));
}

export const journalPath = journalFile;

export async function listJournals(dataDir: string): Promise<RestoreJournal[]> {
  const dir = journalDir(dataDir);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const out: RestoreJournal[] = [];
  for (const n of names.filter((n) => /^restore-[0-9a-f]+\.json$/.test(n)).sort()) {
    try {
      out.push(JSON.parse(await fs.readFile(path.join(dir, n), 'utf8')) as RestoreJournal);
    } catch {
      // A journal is written atomically; an unreadable one is not ours to guess about.
    }
  }
  return out;
}
