import { create } from 'zustand';
import type { JobUpdate } from '../../../shared/model/job';
import { api } from '../api/client';

export interface JobView extends Omit<JobUpdate, 'log'> {
  log: string[];
}

interface JobsState {
  jobs: Record<string, JobView>;
  /**
   * What a finished runbook job left its run in (waiting, blocked, failed, succeeded): the job
   * only ran the automatic steps, so its own "succeeded" would contradict a run that waits.
   */
  runStates: Record<string, string>;
  subscribed: boolean;
  subscribe(): void;
  cancel(id: string): Promise<void>;
  dismiss(id: string): void;
}

const KEEP_LINES = 500;

/** Running and recent jobs, fed by job.update events (log carries only new lines, so they are appended). */
export const useJobs = create<JobsState>((set, get) => {
  function noteRunState(id: string, result: unknown): void {
    const state = (result as { state?: unknown } | undefined)?.state;
    if (typeof state === 'string') set({ runStates: { ...get().runStates, [id]: state } });
  }
  return {
    jobs: {},
    runStates: {},
    subscribed: false,
    subscribe() {
      if (get().subscribed) return;
      set({ subscribed: true });
      void api()
        .invoke('jobs.list', {})
        .then((list) => {
          set({ jobs: Object.fromEntries(list.map((j) => [j.id, { ...j, log: j.log }])) });
          for (const j of list) if (j.kind === 'checklist' && !isRunning(j)) noteRunState(j.id, j.result);
        });
      api().on('job.update', (u) => {
        const prev = get().jobs[u.id];
        const log = [...(prev?.log ?? []), ...u.log].slice(-KEEP_LINES);
        set({ jobs: { ...get().jobs, [u.id]: { ...u, log } } });
        if (u.kind === 'checklist' && u.state === 'succeeded' && prev?.state !== 'succeeded') {
          void api()
            .invoke('jobs.get', { id: u.id })
            .then(
              (j) => noteRunState(u.id, j.result),
              () => undefined,
            );
        }
      });
    },
    async cancel(id) {
      await api().invoke('jobs.cancel', { id });
    },
    dismiss(id) {
      const { [id]: _gone, ...rest } = get().jobs;
      void _gone;
      set({ jobs: rest });
    },
  };
});

export function isRunning(job: Pick<JobView, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'running';
}
