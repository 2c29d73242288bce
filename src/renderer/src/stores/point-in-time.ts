import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors';
import type { ArchiveInfoView, PointInTimePreflight, PointInTimeResult } from '../../../shared/model/point-in-time';
import { api } from '../api/client';
import { toErrorData } from './app';

export interface PointInTimeForm {
  tenant: string;
  /** `YYYY-MM-DDTHH:MM:SS` in the browser's own zone, as a datetime-local input gives it. */
  local: string;
  asNew: boolean;
  as: string;
}

interface PointInTimeState {
  profileId?: string;
  archive?: ArchiveInfoView;
  /** The tenants to choose from (schemas that exist now; a dropped one can still be typed). */
  tenants: string[];
  archiveError?: ErrorData;
  form: PointInTimeForm;
  checking: boolean;
  preflight?: PointInTimePreflight;
  error?: ErrorData;
  jobId?: string;
  result?: PointInTimeResult;
  open(profileId: string, tenant?: string): Promise<void>;
  patch(form: Partial<PointInTimeForm>): void;
  check(): Promise<void>;
  start(confirmDatabase?: string): Promise<ErrorData | undefined>;
  finish(): Promise<void>;
}

/** A local date-time with the browser's offset: the server needs the zone, the user thinks in their own. */
export function withLocalOffset(local: string, date = new Date(local)): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const seconds = local.length === 16 ? `${local}:00` : local;
  return `${seconds}${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

const emptyForm = (tenant = ''): PointInTimeForm => ({ tenant, local: '', asNew: false, as: '' });

function input(s: PointInTimeState) {
  const f = s.form;
  return {
    profileId: s.profileId!,
    tenant: f.tenant.trim(),
    at: withLocalOffset(f.local),
    ...(f.asNew ? { as: f.as.trim() } : {}),
  };
}

/** The restore wizard's "a point in time" source: the archive, the form, its checks and the job. */
export const usePointInTime = create<PointInTimeState>((set, get) => ({
  form: emptyForm(),
  tenants: [],
  checking: false,
  async open(profileId, tenant) {
    set({
      profileId,
      form: emptyForm(tenant),
      archive: undefined,
      archiveError: undefined,
      preflight: undefined,
      error: undefined,
      jobId: undefined,
      result: undefined,
    });
    void api()
      .invoke('tenants.list', { profileId })
      .then((l) => set({ tenants: l.tenants.filter((t) => !t.shared && t.status !== 'missing').map((t) => t.schema) }))
      .catch(() => undefined);
    try {
      set({ archive: await api().invoke('backups.archiveInfo', { profileId }) });
    } catch (e) {
      set({ archiveError: toErrorData(e) });
    }
  },
  patch(form) {
    set({ form: { ...get().form, ...form }, preflight: undefined, error: undefined });
  },
  async check() {
    set({ checking: true, preflight: undefined, error: undefined });
    try {
      set({ preflight: await api().invoke('backups.pointInTimePreflight', input(get())) });
    } catch (e) {
      set({ error: toErrorData(e) });
    } finally {
      set({ checking: false });
    }
  },
  async start(confirmDatabase) {
    try {
      const { jobId } = await api().invoke('backups.pointInTimeRestore', {
        ...input(get()),
        ...(confirmDatabase ? { confirmDatabase } : {}),
      });
      set({ jobId, result: undefined, error: undefined });
      return undefined;
    } catch (e) {
      return toErrorData(e);
    }
  },
  async finish() {
    const { jobId } = get();
    if (!jobId) return;
    const job = await api().invoke('jobs.get', { id: jobId });
    if (job.state === 'succeeded') set({ result: job.result as PointInTimeResult });
    else if (job.error)
      set({ error: { code: job.error.code as ErrorData['code'], message: job.error.message, hint: job.error.hint } });
  },
}));
