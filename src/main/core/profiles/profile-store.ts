import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { profileSchema, profileSettingsSchema, type Profile, type ProfileChanges, type ProfileSettings } from '../../../shared/model/profile';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(profileSchema) });

export interface Notice {
  code: string;
  message: string;
  hint?: string;
}

/** profiles.json under the app data folder, written atomically; a broken file is kept aside, never lost. */
export class ProfileStore {
  private profiles: Profile[] = [];
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
    if (raw === undefined) return;
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) return this.keepBrokenFile(parsed.error.issues[0]?.message ?? 'unexpected content');
    this.profiles = parsed.data.profiles;
  }

  private async keepBrokenFile(reason: string): Promise<void> {
    const copy = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await fs.copyFile(this.file, copy);
    await fs.rm(this.file);
    this.notices.push({
      code: 'PROFILES_FILE_CORRUPT',
      message: `The profiles file ${this.file} could not be read (${reason}); it was kept as ${copy} and the console started without profiles.`,
      hint: 'Repair the copy and import it (Profiles → Import), or add the profiles again.',
    });
  }

  list(): Profile[] {
    return [...this.profiles, ...this.ephemeral];
  }

  get(id: string): Profile {
    const found = this.list().find((p) => p.id === id);
    if (!found) throw new AppError('PROFILE_NOT_FOUND', `No profile with id ${id}.`, 'List the profiles with `tenantry profiles list`.');
    return found;
  }

  findByName(name: string): Profile | undefined {
    return this.list().find((p) => p.name === name);
  }

  getByName(name: string): Profile {
    const found = this.findByName(name);
    if (!found) throw new AppError('PROFILE_NOT_FOUND', `No profile named "${name}".`, 'List the profiles with `tenantry profiles list`, or add one with `tenantry profiles add`.');
    return found;
  }

  async add(settings: ProfileSettings): Promise<Profile> {
    const clean = profileSettingsSchema.parse(settings);
    this.assertNameFree(clean.name);
    const now = new Date().toISOString();
    const profile: Profile = { ...clean, id: randomUUID(), createdAt: now, updatedAt: now };
    this.profiles.push(profile);
    await this.save();
    return profile;
  }

  /** A profile that lives for this process only (a `--url` run); never written to disk. */
  addEphemeral(settings: ProfileSettings): Profile {
    const now = new Date().toISOString();
    const profile: Profile = { ...profileSettingsSchema.parse(settings), id: randomUUID(), createdAt: now, updatedAt: now };
    this.ephemeral.push(profile);
    return profile;
  }

  isEphemeral(id: string): boolean {
    return this.ephemeral.some((p) => p.id === id);
  }

  async update(id: string, changes: ProfileChanges): Promise<Profile> {
    const current = this.get(id);
    if (changes.name && changes.name !== current.name) this.assertNameFree(changes.name);
    const merged: Record<string, unknown> = { ...current, ...changes, id, updatedAt: new Date().toISOString() };
    // null clears an optional setting.
    for (const [key, value] of Object.entries(changes)) if (value === null) delete merged[key];
    const next: Profile = profileSchema.parse(merged);
    this.profiles = this.profiles.map((p) => (p.id === id ? next : p));
    this.ephemeral = this.ephemeral.map((p) => (p.id === id ? next : p));
    await this.save();
    return next;
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    this.profiles = this.profiles.filter((p) => p.id !== id);
    this.ephemeral = this.ephemeral.filter((p) => p.id !== id);
    await this.save();
  }

  private assertNameFree(name: string): void {
    if (this.findByName(name)) {
      throw new AppError('PROFILE_EXISTS', `A profile named "${name}" already exists.`, 'Choose another name, or edit the existing profile.', { field: 'name' });
    }
  }

  private async save(): Promise<void> {
    await writeJsonAtomic(this.file, { version: 1, profiles: this.profiles });
  }
}
