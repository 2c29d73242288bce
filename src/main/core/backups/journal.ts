import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PgTarget } from './pg-process';
import { writeJsonAtomic } from '../atomic-file';

export type RestoreMode = 'swap' | 'create' | 'scratch';
export type RestoreStep = 'safety-backup' | 'aside' | 'restore' | 'verify' | 'drop-aside' | 'scratch-db' | 'restore-scratch' | 'rename' | 'move' | 'drop-scratch';

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
}

export const journalDir = (dataDir: string) => path.join(dataDir, 'journal');
const journalFile = (dataDir: string, id: string) => path.join(journalDir(dataDir), `restore-${id}.json`);

export async function writeJournal(dataDir: string, j: RestoreJournal): Promise<void> {
  j.updatedAt = new Date().toISOString();
  await writeJsonAtomic(journalFile(dataDir, j.id), j);
}

export async function removeJournal(dataDir: string, id: string): Promise<void> {
  await fs.rm(journalFile(dataDir, id), { force: true });
}

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
