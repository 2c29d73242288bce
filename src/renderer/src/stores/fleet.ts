import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors';
import type { ActionDefinition, ActionReport, BaselineResult, BaselineUndoResult, DiffResult, PrivilegesView } from '../../../shared/model/fleet';
import { api } from '../api/client';
import { toErrorData } from './app';

export type FleetTab = 'drift' | 'baseline' | 'actions' | 'privileges';

/** "a, b c" → ['a', 'b', 'c']; empty → undefined (every tenant). */
export function tenantNames(text: string): string[] | undefined {
  const list = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

interface FleetState {
  profileId?: string;
  tab: FleetTab;
  busy: boolean;
  error?: ErrorData;
  diff?: DiffResult;
  selected?: string;
  baseline?: BaselineResult;
  undo?: BaselineUndoResult;
  actions: ActionDefinition[];
  actionJob?: { id: string; dryRun: boolean };
  actionReport?: ActionReport;
  privileges?: PrivilegesView;
  reset(profileId: string): void;
  setTab(tab: FleetTab): void;
  select(tenant?: string): void;
  runDiff(reference?: string): Promise<void>;
  runBaseline(input: { to: string; tenants?: string[]; reference?: string; confirmDatabase?: string }): Promise<void>;
  undoBaseline(input: { tenants?: string[]; confirmDatabase?: string }): Promise<void>;
  loadActions(): Promise<void>;
  runAction(input: { action: string; tenants?: string[]; params: Record<string, string>; dryRun: boolean; stopOnError: boolean; confirmDatabase?: string }): Promise<void>;
  actionEnded(state: string, error?: ErrorData): Promise<void>;
  loadPrivileges(): Promise<void>;
}

export const useFleet = create<FleetState>((set, get) => {
  async function guard(work: (profileId: string) => Promise<void>): Promise<void> {
    const profileId = get().profileId;
    if (!profileId) return;
    set({ error: undefined, busy: true });
    try {
      await work(profileId);
    } catch (e) {
      set({ error: toErrorData(e) });
    } finally {
      set({ busy: false });
    }
  }

  return {
    tab: 'drift',
    busy: false,
    actions: [],
    reset(profileId) {
      if (get().profileId === profileId) return;
      set({ profileId, diff: undefined, selected: undefined, baseline: undefined, undo: undefined, actions: [], actionJob: undefined, actionReport: undefined, privileges: undefined, error: undefined });
    },
    setTab: (tab) => set({ tab, error: undefined }),
    select: (selected) => set({ selected }),
    runDiff: (reference) =>
      guard(async (profileId) => {
        const diff = await api().invoke('fleet.diff', { profileId, reference: reference || undefined });
        set({ diff, selected: diff.drifted[0]?.tenant });
      }),
    runBaseline: (input) =>
      guard(async (profileId) => {
        set({ baseline: undefined, undo: undefined });
        set({ baseline: await api().invoke('fleet.baseline', { profileId, ...input }) });
      }),
    undoBaseline: (input) =>
      guard(async (profileId) => {
        set({ undo: await api().invoke('fleet.baselineUndo', { profileId, ...input }) });
      }),
    loadActions: () =>
      guard(async (profileId) => {
        set({ actions: (await api().invoke('fleet.actions', { profileId })).actions });
      }),
    runAction: (input) =>
      guard(async (profileId) => {
        set({ actionReport: undefined });
        const { jobId } = await api().invoke('fleet.runAction', { profileId, ...input });
        set({ actionJob: { id: jobId, dryRun: input.dryRun } });
      }),
    async actionEnded(state, error) {
      const job = get().actionJob;
      if (!job) return;
      set({ actionJob: undefined });
      if (state !== 'succeeded') {
        set({ error: error ?? { code: 'CANCELLED', message: `The action was ${state}.` } });
        return;
      }
      try {
        set({ actionReport: (await api().invoke('jobs.get', { id: job.id })).result as ActionReport });
      } catch (e) {
        set({ error: toErrorData(e) });
      }
    },
    loadPrivileges: () =>
      guard(async (profileId) => {
        set({ privileges: await api().invoke('fleet.privileges', { profileId }) });
      }),
  };
});
