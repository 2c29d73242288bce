import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** Who runs pgBackRest and the scratch server: ourselves, or (as root) the repository's owner. */
export interface RunAs {
  uid: number;
  gid: number;
}

/** `repo1-path` of a pgBackRest config file (ini), if it names one. */
export async function repoPath(configFile: string): Promise<string | undefined> {
  const text = await readFile(configFile, 'utf8');
  const m = /^\s*repo1-path\s*=\s*(.+?)\s*$/m.exec(text);
  return m?.[1];
}

/**
 * PostgreSQL refuses to run as root, and a repository is usually owned by `postgres`: as root
 * we act as the repository's owner (the sandbox's embedded server does the same).
 */
export async function runAsFor(configFile: string): Promise<RunAs | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const repo = (await repoPath(configFile).catch(() => undefined)) ?? configFile;
  const s = statSync(repo, { throwIfNoEntry: false }) ?? statSync(configFile);
  return s.uid === 0 ? undefined : { uid: s.uid, gid: s.gid };
}
