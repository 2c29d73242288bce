import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Profile } from '../../../shared/model/profile';

export interface BackupDuration {
  id: string;
  scope: string;
  schemas: string[];
  createdAt: string;
  durationMs: number | null;
  bytes: number | null;
}

type Loose = Record<string, unknown>;

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Reads one catalog entry tolerantly: the backups area owns the format, the monitor only reads it. */
function toDuration(e: Loose): BackupDuration | undefined {
  const id = typeof e.id === 'string' ? e.id : undefined;
  const createdAt = typeof e.createdAt === 'string' ? e.createdAt : typeof e.at === 'string' ? e.at : undefined;
  if (!id || !createdAt) return undefined;
  const files = Array.isArray(e.files) ? (e.files as Loose[]) : [];
  const bytes = num(e.bytes) ?? (files.length ? files.reduce((s, f) => s + (num(f.bytes) ?? 0), 0) : null);
  const ended = typeof e.finishedAt === 'string' ? Date.parse(e.finishedAt) : NaN;
  const durationMs = num(e.durationMs) ?? (Number.isFinite(ended) ? ended - Date.parse(createdAt) : null);
  return {
    id,
    scope: typeof e.scope === 'string' ? e.scope : 'unknown',
    schemas: Array.isArray(e.schemas) ? (e.schemas as unknown[]).filter((s): s is string => typeof s === 'string') : [],
    createdAt,
    durationMs,
    bytes,
  };
}

/** The newest backups of this profile from `<data>/backups/<profile key>/catalog.json`, if the catalog exists. */
export async function recentBackups(dataDir: string, profile: Profile, limit = 30): Promise<BackupDuration[]> {
  for (const key of [profile.id, profile.name]) {
    let text: string;
    try {
      text = await fs.readFile(path.join(dataDir, 'backups', key, 'catalog.json'), 'utf8');
    } catch {
      continue;
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      const list = Array.isArray(parsed)
        ? parsed
        : Array.isArray((parsed as Loose)?.backups)
          ? ((parsed as Loose).backups as unknown[])
          : [];
      return list
        .map((e) => (e && typeof e === 'object' ? toDuration(e as Loose) : undefined))
        .filter((e): e is BackupDuration => Boolean(e))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
        .slice(0, limit);
    } catch {
      return [];
    }
  }
  return [];
}
