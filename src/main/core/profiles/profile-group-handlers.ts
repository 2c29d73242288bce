import type { profileGroupsContract } from '../../../shared/contracts/profile-groups';
import type { AreaHandlers } from '../api';
import type { ProfileGroups } from './profile-groups';

export function createProfileGroupHandlers(groups: ProfileGroups): AreaHandlers<typeof profileGroupsContract> {
  return {
    'profiles.groups': () => groups.list(),
    'profiles.saveGroup': (input) => groups.save(input),
    'profiles.removeGroup': async ({ name }) => {
      await groups.remove(name);
      return { ok: true as const };
    },
  };
}
