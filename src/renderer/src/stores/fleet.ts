import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors';
import type {
  ActionDefinition,
  ActionReport,
  BaselineResult,
  BaselineUndoResult,
  DiffResult,
  PrivilegesView,
} from '../../../shared/model/fleet';
import { api } from '../api/client';
import { toErrorData } from './app';

export type FleetTab = 'drift' | 'baseline' | 'actions' | 'privileges';

/** "a, b c" → ['a', 'b', 'c']; empty → undefined (every tenant). */
export function tenantNames(text: string): string[] | undefined {
  const list = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
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
  /** Baseline and its undo, and a real action run, come from a review: a refusal is returned to it. */
  runBaseline(input: {
    to: string;
    tenants?: string[];
    reference?: string;
    confirmDatabase?: string;
  }): Promise<ErrorData | undefined>;
  undoBaseline(input: { tenants?: string[]; confirmDatabase?: string }): Promise<ErrorData | undefined>;
  loadActions(): Promise<void>;
  runAction(input: {
    action: string;
    tenants?: string[];
    params: Record<string, string>;
    dryRun: boolean;
    stopOnError: boolean;
    confirmDatabase?: string;
  }): Promise<ErrorData | undefined>;
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

  /** Like guard, but the error goes back to the review that asked instead of the screen. */
  async function attempt(work: (profileId: string) => Promise<void>): Promise<ErrorData | undefined> {
    const profileId = get().profileId;
    if (!profileId) return undefined;
    set({ error: undefined, busy: true });
    try {
      await work(profileId);
      return undefined;
    } catch (e) {
      return toErrorData(e);
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
      set({
        profileId,
        diff: undefined,
        selected: undefined,
        baseline: undefined,
        undo: undefined,
        actions: [],
        actionJob: undefined,
        actionReport: undefined,
        privileges: undefined,
        error: undefined,
      });
    },
    setTab: (tab) => set({ tab, error: undefined }),
    select: (selected) => set({ selected }),
    runDiff: (reference) =>
      guard(async (profileId) => {
        const diff = await api().invoke('fleet.diff', { profileId, reference: reference || undefined });
        set({ diff, selected: diff.drifted[0]?.tenant });
      }),
    runBaseline: (input) =>
      attempt(async (profileId) => {
        set({ baseline: undefined, undo: undefined });
        set({ baseline: await api().invoke('fleet.baseline', { profileId, ...input }) });
      }),
    undoBaseline: (input) =>
      attempt(async (profileId) => {
        set({ undo: await api().invoke('fleet.baselineUndo', { profileId, ...input }) });
      }),
    loadActions: () =>
      guard(async (profileId) => {
        set({ actions: (await api().invoke('fleet.actions', { profileId })).actions });
      }),
    async runAction(input) {
      const work = async (profileId: string) => {
        const { jobId } = await api().invoke('fleet.runAction', { profileId, ...input });
        set({ actionJob: { id: jobId, dryRun: input.dryRun }, actionReport: undefined });
      };
      // A preview changes nothing and reports on the screen; the real run reports to its review.
      if (input.dryRun) {
        await guard(work);
        return undefined;
      }
      return attempt(work);
    },
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
