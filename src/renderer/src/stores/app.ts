import { create } from 'zustand';
import type { Output } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import { api, ApiError } from '../api/client';

export type AppInfo = Output<'app.info'>;
export type ConnectionTest = Output<'profiles.test'>;

export type ScreenId =
  | 'overview'
  | 'profiles'
  | 'tenants'
  | 'migrations'
  | 'backups'
  | 'checks'
  | 'checklists'
  | 'monitor'
  | 'audit'
  | 'fleet'
  | 'settings';

interface AppState {
  info?: AppInfo;
  startupError?: ErrorData;
  screen: ScreenId;
  activeProfileId?: string;
  connection?: {
    profileId: string;
    state: 'testing' | 'connected' | 'failed';
    test?: ConnectionTest;
    error?: ErrorData;
  };
  load(): Promise<void>;
  go(screen: ScreenId): void;
  activate(profileId: string | undefined): Promise<void>;
}

export function toErrorData(e: unknown): ErrorData {
  return e instanceof ApiError ? e.error : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

const ACTIVE_KEY = 'tenantry.activeProfile';

export const useApp = create<AppState>((set, get) => ({
  screen: 'overview',
  async load() {
    try {
      const info = await api().invoke('app.info', {});
      set({ info });
      const remembered = localStorage.getItem(ACTIVE_KEY) ?? undefined;
      const profiles = await api().invoke('profiles.list', {});
      const chosen = [info.defaultProfileId, remembered].find((id) => id && profiles.some((p) => p.id === id));
      if (chosen) await get().activate(chosen);
      else set({ screen: profiles.length ? 'overview' : 'profiles' });
    } catch (e) {
      set({ startupError: toErrorData(e) });
    }
  },
  go: (screen) => set({ screen }),
  async activate(profileId) {
    set({ activeProfileId: profileId, connection: profileId ? { profileId, state: 'testing' } : undefined });
    if (!profileId) return localStorage.removeItem(ACTIVE_KEY);
    localStorage.setItem(ACTIVE_KEY, profileId);
    try {
      const test = await api().invoke('profiles.test', { id: profileId });
      if (get().activeProfileId === profileId) set({ connection: { profileId, state: 'connected', test } });
    } catch (e) {
      if (get().activeProfileId === profileId)
        set({ connection: { profileId, state: 'failed', error: toErrorData(e) } });
    }
  },
}));
