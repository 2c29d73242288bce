import { existsSync } from 'node:fs';
import type { backupsContract } from '../../../shared/contracts/backups';
import type { BackupEntry, BackupListItem } from '../../../shared/model/backups';
import type { AreaHandlers } from '../api';
import type { ProfileStore } from '../profiles/profile-store';
import { Catalogs, profileKey } from './catalog';

export function listItem(e: BackupEntry): BackupListItem {
  const { manifest, ...rest } = e;
  void manifest;
  return {
    ...rest,
    bytes: e.files.reduce((n, f) => n + f.bytes, 0),
    present: e.files.every((f) => existsSync(f.path)),
  };
}

/** Listing the catalogs reads the app data folder only: the CLI runs it without a core or a connection. */
export function createBackupListHandler(
  dataDir: string,
  /** Read only to list one profile's catalog. */
  profilesFile: () => ProfileStore | Promise<ProfileStore>,
): Pick<AreaHandlers<typeof backupsContract>, 'backups.list'> {
  const catalogs = new Catalogs(dataDir);
  const keyOf = async (profileId: string) => {
    const profiles = await profilesFile();
    return profileKey(profiles.get(profileId), profiles.isEphemeral(profileId));
  };
  return {
    'backups.list': async ({ profileId, tenant }) => {
      const entries = profileId
        ? [...(await catalogs.read(await keyOf(profileId))).backups].reverse()
        : await catalogs.all();
      return { backups: entries.filter((e) => !tenant || e.schemas.includes(tenant)).map(listItem) };
    },
  };
}
