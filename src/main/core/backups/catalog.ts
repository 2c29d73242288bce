import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { catalogFileSchema, type BackupEntry, type CatalogFile } from '../../../shared/model/backups';
import type { Profile } from '../../../shared/model/profile';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';
import { withFileLock } from '../file-lock';
import { byTime } from './backup-order';

/** The catalog key: the profile id, or for a `--url` run its implicit `url-<8 hex>` key (the ephemeral profile's name). */
export function profileKey(profile: Profile, isEphemeral: boolean): string {
  return isEphemeral && /^url-[0-9a-f]{8}$/.test(profile.name) ? profile.name : profile.id;
}

export const catalogDir = (dataDir: string, key: string) => path.join(dataDir, 'backups', key);

/** Where dump files go: the profile's chosen folder, else beside the catalog. */
export function dumpFolder(dataDir: string, key: string, profile: Pick<Profile, 'backupDir'>): string {
  return profile.backupDir ? path.resolve(profile.backupDir) : catalogDir(dataDir, key);
}

/** `<app data>/backups/<profile-key>/catalog.json`, one per profile, written atomically under its lock. */
export class Catalogs {
  constructor(private readonly dataDir: string) {}

  file(key: string): string {
    return path.join(catalogDir(this.dataDir, key), 'catalog.json');
  }

  async read(key: string): Promise<CatalogFile> {
    const file = this.file(key);
    let raw: unknown;
    try {
      raw = await readJsonFile(file);
    } catch (e) {
      throw new AppError(
        'BACKUP_CORRUPT',
        `The backup catalog ${file} cannot be read: ${(e as Error).message}`,
        'Restore the file from a copy, or move it away to start a new catalog (the dump files stay where they are).',
      );
    }
    if (raw === undefined) return { version: 1, profileKey: key, backups: [] };
    const parsed = catalogFileSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError(
        'BACKUP_CORRUPT',
        `The backup catalog ${file} is not valid: ${parsed.error.issues[0]?.message}`,
        'Restore the file from a copy, or move it away to start a new catalog.',
      );
    return parsed.data;
  }

  /**
   * Runs `change` on the catalog as it is on disk now and writes it back, under the catalog's
   * cross-process lock: two processes adding a backup at once both keep theirs.
   */
  update(key: string, change: (c: CatalogFile) => CatalogFile | void): Promise<CatalogFile> {
    const file = this.file(key);
    return withFileLock(file, async () => {
      const current = await this.read(key);
      const changed = change(current) ?? current;
      await writeJsonAtomic(file, changed);
      return changed;
    });
  }

  add(key: string, entry: BackupEntry): Promise<CatalogFile> {
    return this.update(key, (c) => {
      c.backups.push(entry);
      c.backups.sort(byTime);
    });
  }

  async keys(): Promise<string[]> {
    const root = path.join(this.dataDir, 'backups');
    const names = await fs.readdir(root).catch(() => [] as string[]);
    return names.filter((n) => existsSync(this.file(n))).sort();
  }

  async all(): Promise<BackupEntry[]> {
    const out: BackupEntry[] = [];
    for (const key of await this.keys()) out.push(...(await this.read(key)).backups);
    return out.sort((a, b) => byTime(b, a));
  }

  /** `restore ID` and `backups verify ID` look in every catalog, not only the current profile's. */
  async find(id: string): Promise<BackupEntry> {
    for (const key of await this.keys()) {
      const found = (await this.read(key)).backups.find((b) => b.id === id);
      if (found) return found;
    }
    throw new AppError(
      'BACKUP_NOT_FOUND',
      `No backup ${id} in any catalog under ${path.join(this.dataDir, 'backups')}.`,
      'List them with `tenantry backups list`.',
    );
  }
}
