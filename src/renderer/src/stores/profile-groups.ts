import { create } from 'zustand';
import type { ProfileGroup } from '../../../shared/contracts/profile-groups';
import type { ErrorData } from '../../../shared/errors';
import type { MigrationStatus } from '../../../shared/model/migrations';
import { api } from '../api/client';
import { toErrorData } from './app';

/** One database of a group: its migration status, or why it could not be read. */
export interface GroupMemberStatus {
  profileId: string;
  state: 'loading' | 'ok' | 'failed';
  status?: MigrationStatus;
  error?: ErrorData;
}

interface ProfileGroupsState {
  groups: ProfileGroup[];
  /** The group the profile selector chose: the console shows that fleet of databases, grouped by server. */
  activeGroup?: string;
  members: GroupMemberStatus[];
  error?: ErrorData;
  refresh(): Promise<void>;
  save(group: ProfileGroup): Promise<void>;
  remove(name: string): Promise<void>;
  choose(name: string | undefined): Promise<void>;
  loadStatuses(): Promise<void>;
}

export const useProfileGroups = create<ProfileGroupsState>((set, get) => ({
  groups: [],
  members: [],
  async refresh() {
    try {
      set({ groups: await api().invoke('profiles.groups', {}), error: undefined });
    } catch (e) {
      set({ error: toErrorData(e) });
    }
  },
  async save(group) {
    await api().invoke('profiles.saveGroup', group);
    await get().refresh();
  },
  async remove(name) {
    await api().invoke('profiles.removeGroup', { name });
    if (get().activeGroup === name) set({ activeGroup: undefined, members: [] });
    await get().refresh();
  },
  async choose(name) {
    set({ activeGroup: name, members: [] });
    if (name) await get().loadStatuses();
  },
  /** Each database is read on its own: one that cannot be reached does not hide the others. */
  async loadStatuses() {
    const group = get().groups.find((g) => g.name === get().activeGroup);
    if (!group) return;
    set({ members: group.profileIds.map((profileId) => ({ profileId, state: 'loading' as const })) });
    const update = (m: GroupMemberStatus) =>
      set({ members: get().members.map((x) => (x.profileId === m.profileId ? m : x)) });
    await Promise.all(
      group.profileIds.map(async (profileId) => {
        try {
          update({ profileId, state: 'ok', status: await api().invoke('migrations.status', { profileId }) });
        } catch (e) {
          update({ profileId, state: 'failed', error: toErrorData(e) });
        }
      }),
    );
  },
}));
