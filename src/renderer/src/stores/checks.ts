import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors';
import type {
  CheckComparison,
  CheckDefinition,
  CheckReport,
  CheckRunSummary,
  ExportFormat,
  FixApply,
  FixPreview,
} from '../../../shared/model/checks';
import { api } from '../api/client';
import { toErrorData } from './app';

export type StatusFilter = 'all' | 'problems' | 'fail' | 'error' | 'not_applicable' | 'pass';

/** Which job the screen is following, and what its result becomes. */
export type JobPurpose = 'run' | 'preview' | 'apply';

interface ChecksState {
  profileId?: string;
  checks: CheckDefinition[];
  chosen: string[];
  runs: CheckRunSummary[];
  report?: CheckReport;
  comparison?: CheckComparison;
  job?: { id: string; purpose: JobPurpose };
  filter: { status: StatusFilter; text: string; check: string };
  cell?: { tenant: string; check: string };
  preview?: FixPreview;
  applied?: FixApply;
  error?: ErrorData;
  load(profileId: string): Promise<void>;
  toggleCheck(id: string): void;
  run(): Promise<void>;
  open(id: string): Promise<void>;
  jobEnded(state: string, error?: ErrorData): Promise<void>;
  setFilter(f: Partial<ChecksState['filter']>): void;
  select(cell?: { tenant: string; check: string }): void;
  previewFix(check: string, tenants?: string[]): Promise<void>;
  /** Applies a reviewed fix; a refusal is returned to the review. */
  applyFix(confirmDatabase?: string): Promise<ErrorData | undefined>;
  closeFix(): void;
  exportAs(format: ExportFormat): Promise<{ fileName: string; mime: string; content: string } | undefined>;
}

export const useChecks = create<ChecksState>((set, get) => {
  async function guard(work: () => Promise<void>): Promise<void> {
    set({ error: undefined });
    try {
      await work();
    } catch (e) {
      set({ error: toErrorData(e) });
    }
  }

  async function showReport(report: CheckReport): Promise<void> {
    const [comparison, runs] = await Promise.all([
      api().invoke('checks.compare', { id: report.id }),
      api().invoke('checks.runs', { profileId: report.profileId }),
    ]);
    set({ report, comparison, runs, cell: undefined });
  }

  return {
    checks: [],
    chosen: [],
    runs: [],
    filter: { status: 'all', text: '', check: '' },
    async load(profileId) {
      if (get().profileId !== profileId)
        set({
          profileId,
          report: undefined,
          comparison: undefined,
          preview: undefined,
          applied: undefined,
          cell: undefined,
          job: undefined,
        });
      await guard(async () => {
        const [list, runs] = await Promise.all([
          api().invoke('checks.list', { profileId }),
          api().invoke('checks.runs', { profileId }),
        ]);
        const known = new Set(list.checks.map((c) => c.id));
        set({ checks: list.checks, runs, chosen: get().chosen.filter((id) => known.has(id)) });
        if (!get().report && runs[0]) await showReport(await api().invoke('checks.report', { id: runs[0].id }));
      });
    },
    toggleCheck(id) {
      const chosen = get().chosen;
      set({ chosen: chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id] });
    },
    async run() {
      const { profileId, chosen } = get();
      if (!profileId) return;
      await guard(async () => {
        const { jobId } = await api().invoke('checks.run', { profileId, checks: chosen.length ? chosen : undefined });
        set({ job: { id: jobId, purpose: 'run' } });
      });
    },
    open: (id) => guard(async () => showReport(await api().invoke('checks.report', { id }))),
    async jobEnded(state, error) {
      const job = get().job;
      if (!job) return;
      set({ job: undefined });
      if (state !== 'succeeded') {
        if (error) set({ error });
        return;
      }
      await guard(async () => {
        const result = (await api().invoke('jobs.get', { id: job.id })).result;
        if (job.purpose === 'run') await showReport(result as CheckReport);
        else if (job.purpose === 'preview') set({ preview: result as FixPreview, applied: undefined });
        else {
          set({ applied: result as FixApply });
          // Verify again what the report showed, so it turns green when the fix worked.
          const { report, profileId } = get();
          if (report && profileId) {
            const again = await api().invoke('checks.run', {
              profileId,
              checks: report.checks.map((c) => c.id),
              tenants: undefined,
            });
            set({ job: { id: again.jobId, purpose: 'run' } });
          }
        }
      });
    },
    setFilter: (f) => set({ filter: { ...get().filter, ...f } }),
    select: (cell) => set({ cell }),
    async previewFix(check, tenants) {
      const profileId = get().profileId;
      if (!profileId) return;
      await guard(async () => {
        const { jobId } = await api().invoke('checks.fixPreview', { profileId, check, tenants });
        set({ job: { id: jobId, purpose: 'preview' }, preview: undefined, applied: undefined });
      });
    },
    async applyFix(confirmDatabase) {
      const { profileId, preview } = get();
      if (!profileId || !preview) return undefined;
      const tenants = preview.tenants
        .filter((t) => !t.error && t.count > 0)
        .map((t) => ({ tenant: t.tenant, expected: t.count }));
      if (!tenants.length) return undefined;
      try {
        const { jobId } = await api().invoke('checks.fixApply', {
          profileId,
          check: preview.check,
          tenants,
          confirmDatabase,
        });
        set({ job: { id: jobId, purpose: 'apply' }, error: undefined });
        return undefined;
      } catch (e) {
        return toErrorData(e);
      }
    },
    closeFix: () => set({ preview: undefined, applied: undefined }),
    async exportAs(format) {
      const report = get().report;
      if (!report) return undefined;
      try {
        return await api().invoke('checks.export', { id: report.id, format });
      } catch (e) {
        set({ error: toErrorData(e) });
        return undefined;
      }
    },
  };
});
