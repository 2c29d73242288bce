import { create } from 'zustand';
import type { Output } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import { runSummary, type Run } from '../../../shared/model/checklists';
import { api } from '../api/client';
import { toErrorData } from './app';
import { useJobs } from './jobs';

type Runbooks = Output<'checklists.runbooks'>;
type RunSummary = Output<'checklists.runs'>[number];

interface ChecklistsState {
  /** The profile whose runbooks and runs are shown; another profile's never stay on screen. */
  profileId?: string;
  runbooks?: Runbooks;
  runs: RunSummary[];
  run?: Run;
  jobId?: string;
  error?: ErrorData;
  /**
   * The database name confirmed in the review that started (or rolled back) a run, kept for that
   * run only and in memory only, so production asks once per start, never again per step.
   */
  confirmed: Record<string, string>;
  load(profileId: string): Promise<void>;
  open(runId: string): Promise<void>;
  /** Starts a reviewed runbook; a refusal is returned to the review, never shown in another run's panel. */
  start(profileId: string, runbook: string, confirmDatabase?: string): Promise<ErrorData | undefined>;
  advance(confirmDatabase?: string): Promise<void>;
  tick(stepId: string, note?: string): Promise<void>;
  skip(stepId: string, reason: string): Promise<void>;
  retry(stepId: string): Promise<void>;
  rollback(confirmDatabase?: string): Promise<ErrorData | undefined>;
  jobEnded(): Promise<void>;
  report(format: 'md' | 'html'): Promise<Output<'checklists.report'>>;
}

export const useChecklists = create<ChecklistsState>((set, get) => {
  /** The runs the runbook jobs of this session worked on, so the job dock follows its run's state. */
  const jobRuns = new Map<string, string>();

  /** Shows a run and keeps its line in the runs list, and its jobs in the dock, in the same state. */
  function show(run: Run): void {
    // Answers can arrive out of order (a reload asked for before a tick, answered after it): an
    // older copy of the run on screen never replaces a newer one.
    const shown = get().run;
    if (shown?.id === run.id && run.updatedAt < shown.updatedAt) return;
    const jobs = [...jobRuns].filter(([, runId]) => runId === run.id).map(([jobId]) => jobId);
    if (jobs.length)
      useJobs.setState((j) => ({
        runStates: { ...j.runStates, ...Object.fromEntries(jobs.map((id) => [id, run.state])) },
      }));
    if (run.profileId !== get().profileId) return;
    const runs = get().runs;
    const line = runSummary(run);
    set({
      run,
      runs: runs.some((r) => r.id === run.id) ? runs.map((r) => (r.id === run.id ? line : r)) : [line, ...runs],
    });
  }

  /** Runs an action that changes the run; errors land in `error`, never thrown at the screen. */
  async function act(work: () => Promise<Run | void>): Promise<void> {
    set({ error: undefined });
    try {
      const run = await work();
      if (run) show(run);
    } catch (e) {
      set({ error: toErrorData(e) });
    }
  }

  const confirmationFor = (run: Run | undefined, given?: string) =>
    given ?? (run ? get().confirmed[run.id] : undefined);

  return {
    runs: [],
    confirmed: {},
    async load(profileId) {
      if (get().profileId !== profileId)
        set({ profileId, runbooks: undefined, runs: [], run: undefined, jobId: undefined, error: undefined });
      await act(async () => {
        const [runbooks, runs] = await Promise.all([
          api().invoke('checklists.runbooks', { profileId }),
          api().invoke('checklists.runs', { profileId }),
        ]);
        if (get().profileId === profileId) set({ runbooks, runs });
      });
    },
    open: (runId) => act(() => api().invoke('checklists.get', { runId })),
    async start(profileId, runbook, confirmDatabase) {
      try {
        const run = await api().invoke('checklists.start', { profileId, runbook, confirmDatabase });
        if (confirmDatabase) set({ confirmed: { ...get().confirmed, [run.id]: confirmDatabase } });
        set({ error: undefined });
        show(run);
        if (run.state !== 'blocked') await get().advance();
        return undefined;
      } catch (e) {
        return toErrorData(e);
      }
    },
    async advance(confirmDatabase) {
      const run = get().run;
      if (!run) return;
      await act(async () => {
        const { jobId } = await api().invoke('checklists.advance', {
          runId: run.id,
          confirmDatabase: confirmationFor(run, confirmDatabase),
        });
        jobRuns.set(jobId, run.id);
        set({ jobId });
        show({ ...run, state: 'running' });
      });
    },
    async jobEnded() {
      const run = get().run;
      set({ jobId: undefined });
      if (!run) return;
      await get().open(run.id);
      const runs = await api()
        .invoke('checklists.runs', { profileId: run.profileId })
        .catch(() => undefined);
      if (runs && get().profileId === run.profileId) set({ runs });
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
      if (!run) return undefined;
      try {
        const next = await api().invoke('checklists.rollback', { runId: run.id, confirmDatabase });
        if (confirmDatabase) set({ confirmed: { ...get().confirmed, [next.id]: confirmDatabase } });
        set({ error: undefined });
        show(next);
        if (next.state !== 'blocked') await get().advance();
        return undefined;
      } catch (e) {
        return toErrorData(e);
      }
    },
    report: (format) => api().invoke('checklists.report', { runId: get().run!.id, format }),
  };
});
