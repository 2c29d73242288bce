import type { StagedRollout } from '../../../shared/model/migrations';
import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors';
import type {
  MigrationHistory,
  MigrationPlan,
  MigrationRun,
  MigrationStatus,
  ProfileComparison,
} from '../../../shared/model/migrations';
import { api } from '../api/client';
import { toErrorData } from './app';
import { useBackups } from './backups';

export type MatrixFilter = 'all' | 'behind' | 'failed' | 'drifted';

export interface RunOptions {
  dryRun: boolean;
  retryFailed?: boolean;
  continueOnError?: boolean;
  confirmDatabase?: string;
  confirmDestructive?: boolean;
  /** Staged rollout (waves), as the CLI's --to/--canary/--wave-size/--pause-between/--max-failures/--check. */
  staged?: StagedOptions;
  /** Only these tenants (the CLI's --tenants): migrate one tenant from its detail. */
  tenants?: string[];
}

export type StagedOptions = StagedRollout;

interface MigrationsState {
  profileId?: string;
  status?: MigrationStatus;
  loading: boolean;
  error?: ErrorData;
  filter: MatrixFilter;
  plan?: MigrationPlan;
  planError?: ErrorData;
  jobId?: string;
  jobKind?: 'dry-run' | 'apply' | 'rollback';
  run?: MigrationRun;
  runError?: ErrorData;
  history?: MigrationHistory;
  comparison?: ProfileComparison;
  compareError?: ErrorData;
  load(profileId: string): Promise<void>;
  setFilter(filter: MatrixFilter): void;
  makePlan(): Promise<void>;
  /** Starts a reviewed run; a refusal goes back to the review that asked (never to another panel). */
  start(opts: RunOptions): Promise<ErrorData | undefined>;
  rollback(name: string, tenants: string[], confirmDatabase?: string): Promise<ErrorData | undefined>;
  finish(jobId: string): Promise<void>;
  cancel(): Promise<void>;
  loadHistory(): Promise<void>;
  compare(otherProfileId: string): Promise<void>;
}

/** The migrations screen: status matrix, plan → dry run → apply (a job), compare, history. */
export const useMigrations = create<MigrationsState>((set, get) => ({
  loading: false,
  filter: 'all',
  async load(profileId) {
    if (get().profileId !== profileId)
      set({
        profileId,
        status: undefined,
        plan: undefined,
        planError: undefined,
        run: undefined,
        runError: undefined,
        jobId: undefined,
        jobKind: undefined,
        history: undefined,
        comparison: undefined,
        compareError: undefined,
      });
    set({ loading: true, error: undefined });
    try {
      set({ status: await api().invoke('migrations.status', { profileId }), loading: false });
    } catch (e) {
      set({ error: toErrorData(e), loading: false });
    }
  },
  setFilter: (filter) => set({ filter }),
  async makePlan() {
    const { profileId } = get();
    if (!profileId) return;
    set({ planError: undefined });
    try {
      set({ plan: await api().invoke('migrations.plan', { profileId }) });
    } catch (e) {
      set({ planError: toErrorData(e), plan: undefined });
    }
  },
  async start(opts) {
    const { profileId, run } = get();
    if (!profileId) return undefined;
    try {
      const tenants = opts.retryFailed && run?.failed.length ? run.failed : opts.tenants;
      // A passphrase-encrypted profile's backup before migrate uses the passphrase typed on the Backups screen (this window only).
      const passphrase = useBackups.getState().passphrase;
      const { jobId } = await api().invoke('migrations.apply', {
        profileId,
        dryRun: opts.dryRun,
        tenants,
        retryFailed: opts.retryFailed && !tenants,
        continueOnError: opts.continueOnError,
        confirmDatabase: opts.confirmDatabase,
        confirmDestructive: opts.confirmDestructive,
        ...opts.staged,
        ...(passphrase ? { passphrase } : {}),
      });
      set({ jobId, jobKind: opts.dryRun ? 'dry-run' : 'apply', run: undefined, runError: undefined });
      return undefined;
    } catch (e) {
      return toErrorData(e);
    }
  },
  async rollback(name, tenants, confirmDatabase) {
    const { profileId } = get();
    if (!profileId) return undefined;
    try {
      const { jobId } = await api().invoke('migrations.rollback', { profileId, name, tenants, confirmDatabase });
      set({ jobId, jobKind: 'rollback', run: undefined, runError: undefined });
      return undefined;
    } catch (e) {
      return toErrorData(e);
    }
  },
  async finish(jobId) {
    try {
      const summary = await api().invoke('jobs.get', { id: jobId });
      if (summary.error) set({ runError: summary.error as ErrorData });
      if (summary.result) set({ run: summary.result as MigrationRun });
    } catch (e) {
      set({ runError: toErrorData(e) });
    }
    const { profileId } = get();
    if (profileId) await get().load(profileId);
    if (get().plan) await get().makePlan();
  },
  async cancel() {
    const { jobId } = get();
    if (jobId) await api().invoke('jobs.cancel', { id: jobId });
  },
  async loadHistory() {
    const { profileId } = get();
    if (!profileId) return;
    try {
      set({ history: await api().invoke('migrations.history', { profileId, limit: 500 }) });
    } catch (e) {
      set({ error: toErrorData(e) });
    }
  },
  async compare(otherProfileId) {
    const { profileId } = get();
    if (!profileId) return;
    set({ compareError: undefined });
    try {
      set({ comparison: await api().invoke('migrations.compare', { profileId, otherProfileId }) });
    } catch (e) {
      set({ compareError: toErrorData(e), comparison: undefined });
    }
  },
}));
