import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomHex } from './domain/ids';
import { localProcessGone, OWNER_TOKEN, ownerToken, parseOwnerToken } from './process-owner';

/**
 * Temporary folders and `.partial` files carry their owner in their name (`<pid>.<start ticks>`),
 * (with a tag of its machine), so a later start removes only what a gone process left (CLI.md "Processes and locks"): a
 * passfile folder with a password in it, a restore or decrypt work folder, a half-written dump.
 */
export type TempKind = 'pg' | 'restore' | 'decrypt' | 'verify';

const TEMP_DIR = new RegExp(`^tenantry-(pg|restore|decrypt|verify)-(${OWNER_TOKEN})-`);
const PARTIAL = new RegExp(`\\.(${OWNER_TOKEN})\\.[0-9a-f]+\\.partial$`);

/** A private (0700) folder in the OS temp folder, named after this process. */
export async function ownedTempDir(kind: TempKind): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), `tenantry-${kind}-${ownerToken()}-`));
  await fs.chmod(dir, 0o700);
  return dir;
}

/** Where a file is written before it is renamed into place: `.<name>.<owner>.<hex>.partial` beside it. */
export function partialPath(dest: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${ownerToken()}.${randomHex(4)}.partial`);
}

function ownerGoneFor(token: string): boolean {
  const owner = parseOwnerToken(token);
  return owner !== undefined && localProcessGone(owner);
}

/** Removes what gone processes left in the temp folder and in `folders` (the dump folders); returns what was removed. */
export async function sweepLeftovers(folders: string[], temp = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  const sweep = async (dir: string, pattern: RegExp, group: number) => {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const m = pattern.exec(name);
      if (!m || !ownerGoneFor(m[group])) continue;
      const full = path.join(dir, name);
      await fs.rm(full, { recursive: true, force: true }).then(
        () => removed.push(full),
        () => undefined,
      );
    }
  };
  await sweep(temp, TEMP_DIR, 2);
  for (const folder of new Set(folders)) await sweep(folder, PARTIAL, 1);
  return removed;
}
