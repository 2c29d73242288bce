import { promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileHeader } from './backup-crypto';
import { decryptToFile } from './backup-keys';

/**
 * Decrypted copies of encrypted backups live in a private 0700 folder per copy, named with the
 * owning pid, and are removed on every exit path: when the caller is done (success, failure or
 * cancel), synchronously at process exit for anything still open, and — for a process that was
 * killed — by the next decryption on this machine once that pid is gone.
 */
const PREFIX = 'tenantry-decrypt-';
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

function pidGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes the folders that killed processes left behind (never one whose owner still runs). */
export async function sweepDecryptedCopies(base = tmpdir()): Promise<string[]> {
  const swept: string[] = [];
  for (const name of await fs.readdir(base).catch(() => [] as string[])) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!m || Number(m[1]) === process.pid || !pidGone(Number(m[1]))) continue;
    await fs.rm(path.join(base, name), { recursive: true, force: true });
    swept.push(name);
  }
  return swept;
}

export interface DecryptedCopy {
  file: string;
  /** Removes the copy and its folder; safe to call twice. */
  remove(): Promise<void>;
}

/** Decrypts `src` (every chunk authenticated) into a 0600 file in a fresh 0700 folder; nothing is left behind on failure. */
export async function decryptedCopy(src: string, name: string, openKey: (h: FileHeader) => Promise<Buffer>, base = tmpdir()): Promise<DecryptedCopy> {
  await sweepDecryptedCopies(base);
  const dir = await fs.mkdtemp(path.join(base, `${PREFIX}${process.pid}-`));
  await fs.chmod(dir, 0o700);
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
