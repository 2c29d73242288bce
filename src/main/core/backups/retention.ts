import { tocCachePath } from './toc';
import { promises as fs } from 'node:fs';
import type { BackupEntry } from '../../../shared/model/backups';
import { byTime } from './backup-order';

/**
 * Which entries retention removes: an entry stays while it is among the newest `keepLast` of any
 * schema it holds, or younger than `keepDays`; with neither rule given nothing goes.
 */
export function selectExpired(
  entries: BackupEntry[],
  rules: { keepLast?: number; keepDays?: number },
  now = Date.now(),
): BackupEntry[] {
  if (!rules.keepLast && !rules.keepDays) return [];
  const keep = new Set<string>();
  if (rules.keepLast) {
    const bySchema = new Map<string, BackupEntry[]>();
    for (const e of entries) for (const s of e.schemas) bySchema.set(s, [...(bySchema.get(s) ?? []), e]);
    for (const list of bySchema.values())
      for (const e of [...list].sort((a, b) => byTime(b, a)).slice(0, rules.keepLast)) keep.add(e.id);
  }
  if (rules.keepDays) {
    const cutoff = now - rules.keepDays * 86_400_000;
    for (const e of entries) if (Date.parse(e.createdAt) >= cutoff) keep.add(e.id);
  }
  return entries.filter((e) => !keep.has(e.id));
}

export async function removeFiles(entry: BackupEntry): Promise<void> {
  await Promise.all(
    entry.files.flatMap((f) => [fs.rm(f.path, { force: true }), fs.rm(tocCachePath(f.path), { force: true })]),
  );
}
