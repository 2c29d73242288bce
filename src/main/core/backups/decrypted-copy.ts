import { promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { ownedTempDir } from '../owned-temp';
import type { FileHeader } from './backup-crypto';
import { decryptToFile } from './backup-keys';

/**
 * Decrypted copies of encrypted backups live in a private 0700 folder per copy, named after the
 * owning process, and are removed on every exit path: when the caller is done (success, failure or
 * cancel), synchronously at process exit for anything still open, and — for a process that was
 * killed — by the next start's sweep of leftovers whose owner is gone (owned-temp.ts).
 */
const open = new Set<string>();
let exitHook = false;

function removeAtExit(dir: string): void {
  open.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const d of open) rmSync(d, { recursive: true, force: true });
  });
}

export interface DecryptedCopy {
  file: string;
  /** Removes the copy and its folder; safe to call twice. */
  remove(): Promise<void>;
}

/** Decrypts `src` (every chunk authenticated) into a 0600 file in a fresh 0700 folder; nothing is left behind on failure. */
export async function decryptedCopy(
  src: string,
  name: string,
  openKey: (h: FileHeader) => Promise<Buffer>,
): Promise<DecryptedCopy> {
  const dir = await ownedTempDir('decrypt');
  removeAtExit(dir);
  const remove = async () => {
    open.delete(dir);
    await fs.rm(dir, { recursive: true, force: true });
  };
  const file = path.join(dir, name);
  try {
    await decryptToFile(src, file, openKey);
  } catch (e) {
    await remove();
    throw e;
  }
  return { file, remove };
}
