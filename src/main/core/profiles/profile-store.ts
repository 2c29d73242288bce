import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import {
  profileSchema,
  profileSettingsSchema,
  type Profile,
  type ProfileChanges,
  type ProfileSettings,
} from '../../../shared/model/profile';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';
import { withFileLock } from '../file-lock';

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(profileSchema) });

export interface Notice {
  code: string;
  message: string;
  hint?: string;
}

/**
 * profiles.json under the app data folder, written atomically; a broken file is kept aside, never
 * lost. Other processes (the app, CLI runs, `serve`) write it too: every change re-reads it under
 * the file's lock, and reads pick up a file that changed since this process last saw it.
 */
export class ProfileStore {
  private profiles: Profile[] = [];
  /** mtime, size and inode of the file as last read or written here. */
  private seen = '';
  private ephemeral: Profile[] = [];
  readonly notices: Notice[] = [];

  constructor(private readonly file: string) {}

  static async open(dataDir: string): Promise<ProfileStore> {
    const store = new ProfileStore(path.join(dataDir, 'profiles.json'));
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    let raw: unknown;
    try {
      raw = await readJsonFile(this.file);
    } catch (e) {
      return this.keepBrokenFile(e instanceof Error ? e.message : String(e));
    }
    if (raw === undefined) {
      this.profiles = [];
      return;
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) return this.keepBrokenFile(parsed.error.issues[0]?.message ?? 'unexpected content');
    this.profiles = parsed.data.profiles;
    this.seen = this.signature();
  }

  private signature(): string {
    try {
      const st = statSync(this.file);
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return 'absent';
    }
  }

  /** Takes another process's saved changes; a file that does not parse now is left for the next change to report. */
  private refreshIfChanged(): void {
    const now = this.signature();
    if (now === this.seen) return;
    if (now === 'absent') {
      this.profiles = [];
    } else {
      try {
        const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
        if (!parsed.success) return;
        this.profiles = parsed.data.profiles;
      } catch {
        return;
      }
    }
    this.seen = now;
  }

  /** Re-reads the file under its lock, applies `change` and writes the result back. */
  private mutate<T>(change: () => T): Promise<T> {
    return withFileLock(this.file, async () => {
      this.seen = '';
      await this.load();
      const result = change();
      await this.save();
      return result;
    });
  }

  private async keepBrokenFile(reason: string): Promise<void> {
    const copy = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await fs.copyFile(this.file, copy);
    await fs.rm(this.file);
    this.profiles = [];
    this.notices.push({
      code: 'PROFILES_FILE_CORRUPT',
      message: `The profiles file ${this.file} could not be read (${reason}); it was kept as ${copy} and the console started without profiles.`,
      hint: 'Repair the copy and import it with `tenantry profiles import FILE`, or add the profiles again (Profiles → Add profile).',
    });
  }

  list(): Profile[] {
    this.refreshIfChanged();
    return [...this.profiles, ...this.ephemeral];
  }

  get(id: string): Profile {
    const found = this.list().find((p) => p.id === id);
    if (!found)
      throw new AppError(
        'PROFILE_NOT_FOUND',
        `No profile with id ${id}.`,
        'List the profiles with `tenantry profiles list`.',
      );
    return found;
  }

  findByName(name: string): Profile | undefined {
    return this.list().find((p) => p.name === name);
  }

  getByName(name: string): Profile {
    const found = this.findByName(name);
    if (!found)
      throw new AppError(
        'PROFILE_NOT_FOUND',
        `No profile named "${name}".`,
        'List the profiles with `tenantry profiles list`, or add one with `tenantry profiles add`.',
      );
    return found;
  }

  async add(settings: ProfileSettings): Promise<Profile> {
    const clean = profileSettingsSchema.parse(settings);
    return this.mutate(() => {
      this.assertNameFree(clean.name);
      const now = new Date().toISOString();
      const profile: Profile = { ...clean, id: globalThis.crypto.randomUUID(), createdAt: now, updatedAt: now };
      this.profiles.push(profile);
      return profile;
    });
  }

  /** A profile that lives for this process only (a `--url` run); never written to disk. */
  addEphemeral(settings: ProfileSettings): Profile {
    const now = new Date().toISOString();
    const profile: Profile = {
      ...profileSettingsSchema.parse(settings),
      id: globalThis.crypto.randomUUID(),
      createdAt: now,
      updatedAt: now,
    };
    this.ephemeral.push(profile);
    return profile;
  }

  isEphemeral(id: string): boolean {
    return this.ephemeral.some((p) => p.id === id);
  }

  async update(id: string, changes: ProfileChanges): Promise<Profile> {
    return this.mutate(() => {
      const current = this.get(id);
      if (changes.name && changes.name !== current.name) this.assertNameFree(changes.name);
      const merged: Record<string, unknown> = { ...current, ...changes, id, updatedAt: new Date().toISOString() };
      // null clears an optional setting.
      for (const [key, value] of Object.entries(changes)) if (value === null) delete merged[key];
      const next: Profile = profileSchema.parse(merged);
      this.profiles = this.profiles.map((p) => (p.id === id ? next : p));
      this.ephemeral = this.ephemeral.map((p) => (p.id === id ? next : p));
      return next;
    });
  }

  async remove(id: string): Promise<void> {
    await this.mutate(() => {
      this.get(id);
      this.profiles = this.profiles.filter((p) => p.id !== id);
      this.ephemeral = this.ephemeral.filter((p) => p.id !== id);
    });
  }

  private assertNameFree(name: string): void {
    if (this.findByName(name)) {
      throw new AppError(
        'PROFILE_EXISTS',
        `A profile named "${name}" already exists.`,
        'Choose another name, or edit the existing profile.',
        { field: 'name' },
      );
    }
  }

  private async save(): Promise<void> {
    await writeJsonAtomic(this.file, { version: 1, profiles: this.profiles });
    this.seen = this.signature();
  }
}
