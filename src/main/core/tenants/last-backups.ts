import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Profile } from '../../../shared/model/profile';

interface LooseEntry {
  scope?: unknown;
  schemas?: unknown;
  createdAt?: unknown;
  files?: unknown;
}

/** The catalog key CLI.md fixes: the profile id, or a `--url` run's `url-<8 hex>` name. */
export function catalogKey(profile: Profile, isEphemeral: boolean): string {
  return isEphemeral && /^url-[0-9a-f]{8}$/.test(profile.name) ? profile.name : profile.id;
}

/**
 * The newest backup time per schema from `<app data>/backups/<key>/catalog.json`. The backups area
 * owns that file; the list only reads it, and a missing or unreadable catalog means "no backups".
 * A whole-database backup covers every schema (the `*` key).
 */
export async function lastBackups(dataDir: string, key: string): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(path.join(dataDir, 'backups', key, 'catalog.json'), 'utf8'));
  } catch {
    return latest;
  }
  const entries = (raw as { backups?: unknown })?.backups;
  if (!Array.isArray(entries)) return latest;
  const keep = (schema: string, at: string) => {
    const prev = latest.get(schema);
    if (!prev || prev < at) latest.set(schema, at);
  };
  for (const entry of entries as LooseEntry[]) {
    if (typeof entry?.createdAt !== 'string') continue;
    if (entry.scope === 'database') keep('*', entry.createdAt);
    const schemas = Array.isArray(entry.schemas) ? entry.schemas : [];
    for (const schema of schemas) if (typeof schema === 'string') keep(schema, entry.createdAt);
  }
  return latest;
}

export function lastBackupFor(latest: Map<string, string>, schema: string): string | null {
  const own = latest.get(schema);
  const all = latest.get('*');
  if (own && all) return own > all ? own : all;
  return own ?? all ?? null;
}
