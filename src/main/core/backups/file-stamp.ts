import { promises as fs } from 'node:fs';

/**
 * A file's identity and last change (device, inode, size, mtime and ctime in nanoseconds). Any
 * write, truncation or replacement changes it; an atomic rewrite gets a new inode.
 */
export async function fileStamp(file: string): Promise<string | undefined> {
  const s = await fs.stat(file, { bigint: true }).catch(() => undefined);
  return s && `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/**
 * Remembers, for this process only, what `read` returned for a file as long as the file keeps the
 * stamp it had before it was read: a preflight and the restore that follows it (the CLI calls
 * both) read and hash the backup once, and a file changed in between is read again.
 */
export function memoByFile<T>(): (file: string, read: () => Promise<T>) => Promise<T> {
  const seen = new Map<string, { stamp: string; value: T }>();
  return async (file, read) => {
    const stamp = await fileStamp(file);
    const hit = seen.get(file);
    if (stamp && hit?.stamp === stamp) return hit.value;
    const value = await read();
    if (stamp) seen.set(file, { stamp, value });
    return value;
  };
}
