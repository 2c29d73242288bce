import { create } from 'zustand';
import type { Input, Output } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import type { ProfileView } from '../../../shared/model/profile';
import { api } from '../api/client';
import { toErrorData } from './app';

interface ProfilesState {
  profiles: ProfileView[];
  loaded: boolean;
  error?: ErrorData;
  tests: Record<string, { state: 'testing' | 'ok' | 'failed'; result?: Output<'profiles.test'>; error?: ErrorData }>;
  refresh(): Promise<void>;
  add(input: Input<'profiles.add'>): Promise<ProfileView>;
  update(input: Input<'profiles.update'>): Promise<ProfileView>;
  duplicate(id: string): Promise<ProfileView>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<void>;
}

export const useProfiles = create<ProfilesState>((set, get) => ({
  profiles: [],
  loaded: false,
  tests: {},
  async refresh() {
    try {
      set({ profiles: await api().invoke('profiles.list', {}), loaded: true, error: undefined });
    } catch (e) {
      set({ error: toErrorData(e), loaded: true });
    }
  },
  async add(input) {
    const profile = await api().invoke('profiles.add', input);
    await get().refresh();
    return profile;
  },
  async update(input) {
    const profile = await api().invoke('profiles.update', input);
    await get().refresh();
    return profile;
  },
  async duplicate(id) {
    const profile = await api().invoke('profiles.duplicate', { id });
    await get().refresh();
    return profile;
  },
  async remove(id) {
    await api().invoke('profiles.remove', { id });
    await get().refresh();
  },
  async test(id) {
    set({ tests: { ...get().tests, [id]: { state: 'testing' } } });
    try {
      const result = await api().invoke('profiles.test', { id });
      set({ tests: { ...get().tests, [id]: { state: 'ok', result } } });
    } catch (e) {
      set({ tests: { ...get().tests, [id]: { state: 'failed', error: toErrorData(e) } } });
    }
  },
}));
