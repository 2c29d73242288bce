import { create } from 'zustand';
import type { Output } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import type { Run } from '../../../shared/model/checklists';
import { api } from '../api/client';
import { toErrorData } from './app';

type Runbooks = Output<'checklists.runbooks'>;
type RunSummary = Output<'checklists.runs'>[number];

interface ChecklistsState {
  runbooks?: Runbooks;
  runs: RunSummary[];
  run?: Run;
  jobId?: string;
  error?: ErrorData;
  load(profileId: string): Promise<void>;
  open(runId: string): Promise<void>;
  start(profileId: string, runbook: string, confirmDatabase?: string): Promise<void>;
  advance(confirmDatabase?: string): Promise<void>;
  tick(stepId: string, note?: string): Promise<void>;
  skip(stepId: string, reason: string): Promise<void>;
  retry(stepId: string): Promise<void>;
  rollback(confirmDatabase?: string): Promise<void>;
  jobEnded(): Promise<void>;
  report(format: 'md' | 'html'): Promise<Output<'checklists.report'>>;
}

export const useChecklists = create<ChecklistsState>((set, get) => {
  /** Runs an action that changes the run; errors land in `error`, never thrown at the screen. */
  async function act(work: () => Promise<Run | void>): Promise<void> {
    set({ error: undefined });
    try {
      const run = await work();
      if (run) set({ run });
    } catch (e) {
      set({ error: toErrorData(e) });
    }
  }

  return {
    runs: [],
    async load(profileId) {
      await act(async () => {
        const [runbooks, runs] = await Promise.all([api().invoke('checklists.runbooks', { profileId }), api().invoke('checklists.runs', { profileId })]);
        set({ runbooks, runs });
      });
    },
    open: (runId) => act(() => api().invoke('checklists.get', { runId })),
    async start(profileId, runbook, confirmDatabase) {
      await act(async () => {
        const run = await api().invoke('checklists.start', { profileId, runbook, confirmDatabase });
        set({ run, runs: [{ ...run }, ...get().runs] });
        if (run.state !== 'blocked') await get().advance(confirmDatabase);
        return run;
      });
    },
    async advance(confirmDatabase) {
      const run = get().run;
      if (!run) return;
      await act(async () => {
        const { jobId } = await api().invoke('checklists.advance', { runId: run.id, confirmDatabase });
        set({ jobId });
      });
    },
    async jobEnded() {
      const run = get().run;
      set({ jobId: undefined });
      if (!run) return;
      await get().open(run.id);
      const runs = await api().invoke('checklists.runs', { profileId: run.profileId }).catch(() => undefined);
      if (runs) set({ runs });
    },
    async tick(stepId, note) {
      const run = get().run;
      if (!run) return;
      await act(() => api().invoke('checklists.tick', { runId: run.id, stepId, note }));
      if (get().run?.state === 'running') await get().advance();
    },
    async skip(stepId, reason) {
      const run = get().run;
      if (!run) return;
      await act(() => api().invoke('checklists.skip', { runId: run.id, stepId, reason }));
      if (get().run?.state === 'running') await get().advance();
    },
    async retry(stepId) {
      const run = get().run;
      if (!run) return;
      await act(() => api().invoke('checklists.retry', { runId: run.id, stepId }));
      await get().advance();
    },
    async rollback(confirmDatabase) {
      const run = get().run;
      if (!run) return;
      await act(async () => {
        const next = await api().invoke('checklists.rollback', { runId: run.id, confirmDatabase });
        set({ run: next });
        await get().advance(confirmDatabase);
        return next;
      });
    },
    report: (format) => api().invoke('checklists.report', { runId: get().run!.id, format }),
  };
});
