import { create } from 'zustand';
import type { Output } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import type { MonitorThresholds } from '../../../shared/model/monitor';
import { api } from '../api/client';
import { toErrorData } from './app';

export type MonitorSnapshot = Output<'monitor.snapshot'>;

/** One point per refresh, for the charts over time (kept in memory for this window only). */
export interface MonitorPoint {
  at: string;
  databaseMb: number;
  connections: number;
  longQueries: number;
}

const SETTINGS_KEY = 'tenantry.monitor.settings';
const MAX_POINTS = 120;

interface MonitorSettings {
  thresholds: MonitorThresholds;
  /** Seconds between refreshes; 0 = manual only. */
  intervalSeconds: number;
}

function loadSettings(): MonitorSettings {
  const defaults: MonitorSettings = {
    thresholds: {
      schemaMb: 1024,
      querySeconds: 60,
      connectionsPercent: 80,
      diskFreePercent: 10,
      growthMb: 1024,
      migrationSeconds: 300,
    },
    intervalSeconds: 15,
  };
  try {
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<MonitorSettings>;
    return {
      thresholds: { ...defaults.thresholds, ...saved.thresholds },
      intervalSeconds: saved.intervalSeconds ?? defaults.intervalSeconds,
    };
  } catch {
    return defaults;
  }
}

interface MonitorState extends MonitorSettings {
  profileId?: string;
  snapshot?: MonitorSnapshot;
  history: MonitorPoint[];
  loading: boolean;
  error?: ErrorData;
  actionError?: ErrorData;
  notice?: string;
  refresh(profileId: string): Promise<void>;
  setThresholds(t: Partial<MonitorThresholds>): void;
  setInterval(seconds: number): void;
  signal(profileId: string, pid: number, terminate: boolean, confirmDatabase?: string): Promise<boolean>;
}

export const useMonitor = create<MonitorState>((set, get) => ({
  ...loadSettings(),
  history: [],
  loading: false,
  async refresh(profileId) {
    if (get().profileId !== profileId)
      set({ profileId, snapshot: undefined, history: [], error: undefined, notice: undefined, actionError: undefined });
    set({ loading: true });
    try {
      const snapshot = await api().invoke('monitor.snapshot', { profileId, thresholds: get().thresholds });
      if (get().profileId !== profileId) return;
      const point: MonitorPoint = {
        at: snapshot.takenAt,
        databaseMb: snapshot.databaseBytes / (1024 * 1024),
        connections: snapshot.connections.total,
        longQueries: snapshot.longQueries.length,
      };
      set({ snapshot, error: undefined, loading: false, history: [...get().history, point].slice(-MAX_POINTS) });
    } catch (e) {
      if (get().profileId === profileId) set({ error: toErrorData(e), loading: false });
    }
  },
  setThresholds(t) {
    const thresholds = { ...get().thresholds, ...t };
    set({ thresholds });
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ thresholds, intervalSeconds: get().intervalSeconds }));
  },
  setInterval(seconds) {
    set({ intervalSeconds: seconds });
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ thresholds: get().thresholds, intervalSeconds: seconds }));
  },
  async signal(profileId, pid, terminate, confirmDatabase) {
    set({ actionError: undefined, notice: undefined });
    try {
      const done = await api().invoke('monitor.cancelQuery', {
        profileId,
        pid,
        terminate,
        confirm: true,
        confirmDatabase,
      });
      set({
        notice: `${terminate ? 'Terminate' : 'Cancel'} signal ${done.signalled ? 'sent to' : 'not delivered to'} session ${pid}.`,
      });
      await get().refresh(profileId);
      return true;
    } catch (e) {
      set({ actionError: toErrorData(e) });
      return false;
    }
  },
}));
