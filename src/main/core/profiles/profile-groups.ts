import path from 'node:path';
import { z } from 'zod';
import { profileGroupSchema, type ProfileGroup } from '../../../shared/contracts/profile-groups';
import { AppError } from '../../../shared/errors';
import { readJsonFile, writeJsonAtomic } from '../atomic-file';
import { withFileLock } from '../file-lock';
import type { ProfileStore } from './profile-store';

const fileSchema = z.object({ version: z.literal(1), groups: z.array(profileGroupSchema) });

/**
 * profile-groups.json beside profiles.json: named sets of profiles that `--profiles NAME` and the
 * app's profile selector run as one fleet. Kept apart so profiles.json keeps its format.
 */
export class ProfileGroups {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly profiles: Pick<ProfileStore, 'get'>,
  ) {
    this.file = path.join(dataDir, 'profile-groups.json');
  }

  async list(): Promise<ProfileGroup[]> {
    const raw = await readJsonFile(this.file).catch(() => undefined);
    const parsed = fileSchema.safeParse(raw ?? { version: 1, groups: [] });
    return parsed.success ? parsed.data.groups : [];
  }

  async find(name: string): Promise<ProfileGroup | undefined> {
    return (await this.list()).find((g) => g.name === name);
  }

  /** Adds or replaces the group of that name; every profile must exist. */
  async save(group: ProfileGroup): Promise<ProfileGroup> {
    for (const id of group.profileIds) this.profiles.get(id);
    const clean = { name: group.name.trim(), profileIds: [...new Set(group.profileIds)] };
    return withFileLock(this.file, async () => {
      const groups = (await this.list()).filter((g) => g.name !== clean.name);
      await writeJsonAtomic(this.file, {
        version: 1,
        groups: [...groups, clean].sort((a, b) => a.name.localeCompare(b.name)),
      });
      return clean;
    });
  }

  async remove(name: string): Promise<void> {
    await withFileLock(this.file, async () => {
      const groups = await this.list();
      if (!groups.some((g) => g.name === name))
        throw new AppError(
          'PROFILE_NOT_FOUND',
          `No profile group named "${name}".`,
          'See the saved groups in the profile selector.',
        );
      await writeJsonAtomic(this.file, { version: 1, groups: groups.filter((g) => g.name !== name) });
    });
  }
}
