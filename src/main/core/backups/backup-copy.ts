import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BackupEntry } from '../../../shared/model/backups';
import { partialPath } from '../owned-temp';
import { Catalogs } from './catalog';
import { sha256File } from './dump-file';

/** Where a backup's copies go: `<copy dir>/<catalog key>/<file name>`. */
export const copyFolder = (copyDir: string, key: string) => path.join(path.resolve(copyDir), key);

function plain(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `the destination is full (${code})`;
  if (code === 'ENOENT') return 'the destination folder is gone (not mounted?)';
  return (e as Error).message;
}

/**
 * Copies each file (to a temporary name, fsynced, renamed), then reads the copy back and compares
 * its sha256 with the catalog's. Throws on the first problem; removes what it half-wrote.
 */
async function copyFiles(entry: BackupEntry, dest: string): Promise<void> {
  // The share must already exist: creating its root would write onto the local disk when it is not mounted.
  await fs.access(path.resolve(path.dirname(dest)));
  await fs.mkdir(dest, { recursive: true, mode: 0o700 });
  for (const f of entry.files) {
    const target = path.join(dest, path.basename(f.path));
    const tmp = partialPath(target);
    try {
      await fs.copyFile(f.path, tmp);
      const h = await fs.open(tmp, 'r');
      try {
        await h.sync();
      } finally {
        await h.close();
      }
      const copied = await sha256File(tmp);
      if (copied.sha256 !== f.sha256 || copied.bytes !== f.bytes)
        throw new Error(`the copy of ${path.basename(f.path)} does not match its checksum`);
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }
}

/**
 * Copies a finished backup to the profile's second destination and records the outcome in the
 * catalog. Never throws: a full or missing destination leaves the local backup as it is, with the
 * copy marked pending (retried by backups.syncCopies and by the next backup).
 */
export async function copyToSecondDestination(
  dataDir: string,
  key: string,
  entry: BackupEntry,
  copyDir: string,
  log: (l: string) => void,
): Promise<BackupEntry> {
  const dest = copyFolder(copyDir, key);
  let copy: NonNullable<BackupEntry['copy']>;
  try {
    await copyFiles(entry, dest);
    copy = { dir: dest, state: 'ok', at: new Date().toISOString() };
    log(`copied to ${dest} and verified by checksum`);
  } catch (e) {
    copy = { dir: dest, state: 'pending', at: new Date().toISOString(), error: plain(e) };
    log(`warning: the copy to ${dest} failed (${copy.error}); the local backup is kept and the copy will be retried.`);
  }
  await new Catalogs(dataDir)
    .update(key, (c) => {
      const found = c.backups.find((b) => b.id === entry.id);
      if (found) found.copy = copy;
    })
    .catch(() => undefined);
  return { ...entry, copy };
}

/** Retries every copy of the catalog that is pending (or was never made); returns what it did. */
export async function retryPendingCopies(
  dataDir: string,
  key: string,
  copyDir: string,
  log: (l: string) => void,
  exceptId?: string,
): Promise<{ copied: string[]; pending: { id: string; error: string }[] }> {
  const catalog = await new Catalogs(dataDir).read(key);
  const todo = catalog.backups.filter((b) => b.id !== exceptId && b.copy?.state !== 'ok');
  const copied: string[] = [];
  const pending: { id: string; error: string }[] = [];
  for (const entry of todo) {
    const present = await Promise.all(
      entry.files.map((f) =>
        fs.access(f.path).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!present.every(Boolean)) continue;
    const out = await copyToSecondDestination(dataDir, key, entry, copyDir, log);
    if (out.copy?.state === 'ok') copied.push(entry.id);
    else pending.push({ id: entry.id, error: out.copy?.error ?? 'unknown' });
  }
  return { copied, pending };
}
