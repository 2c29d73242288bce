import { create } from 'zustand';
import type { ErrorData } from '../../../shared/errors';
import type {
  BackupListItem,
  BackupScope,
  BackupVerify,
  Preflight,
  RestoreResult,
} from '../../../shared/model/backups';
import { api } from '../api/client';
import { toErrorData } from './app';

export type WizardStep = 'backup' | 'target' | 'preflight' | 'restore';
export type TargetKind = 'same' | 'new' | 'profile';

export interface Wizard {
  step: WizardStep;
  backupId?: string;
  tenant?: string;
  kind: TargetKind;
  as: string;
  toProfileId?: string;
  confirmDatabase: string;
  preflight?: Preflight;
  checking: boolean;
  jobId?: string;
  result?: RestoreResult;
  error?: ErrorData;
}

interface BackupsState {
  profileId?: string;
  backups: BackupListItem[];
  loading: boolean;
  error?: ErrorData;
  backupJobId?: string;
  verify: Record<string, BackupVerify | 'running'>;
  wizard?: Wizard;
  /** For passphrase-encrypted backups; kept in this window's memory only, never saved. */
  passphrase: string;
  setPassphrase(p: string): void;
  syncCopies(profileId: string): Promise<void>;
  load(profileId: string): Promise<void>;
  create(profileId: string, scope: BackupScope, schemas?: string[]): Promise<void>;
  verifyOne(id: string): Promise<void>;
  openWizard(backupId?: string): void;
  closeWizard(): void;
  patchWizard(p: Partial<Wizard>): void;
  runPreflight(): Promise<void>;
  /** Starts a reviewed restore; a refusal is returned to the review. */
  startRestore(confirmDatabase?: string): Promise<ErrorData | undefined>;
  finishRestore(): Promise<void>;
}

const newWizard = (backupId?: string): Wizard => ({
  step: 'backup',
  backupId,
  kind: 'same',
  as: '',
  confirmDatabase: '',
  checking: false,
});

function restoreInput(w: Wizard, profileId: string | undefined, passphrase: string) {
  return {
    ...(passphrase ? { passphrase } : {}),
    id: w.backupId!,
    tenant: w.tenant || undefined,
    as: w.kind === 'new' ? w.as.trim() : undefined,
    toProfileId: w.kind === 'profile' ? w.toProfileId : profileId,
    confirmDatabase: w.confirmDatabase || undefined,
  };
}

/** The backup catalog of the active profile and the restore wizard's state. */
export const useBackups = create<BackupsState>((set, get) => ({
  backups: [],
  loading: false,
  verify: {},
  passphrase: '',
  setPassphrase: (passphrase) => set({ passphrase }),
  async syncCopies(profileId) {
    try {
      await api().invoke('backups.syncCopies', { profileId });
      await get().load(profileId);
    } catch (e) {
      set({ error: toErrorData(e) });
    }
  },
  async load(profileId) {
    set({ profileId, loading: true, error: undefined });
    try {
      const { backups } = await api().invoke('backups.list', { profileId });
      set({ backups, loading: false });
    } catch (e) {
      set({ error: toErrorData(e), loading: false });
    }
  },
  async create(profileId, scope, schemas) {
    try {
      const { jobId } = await api().invoke('backups.create', {
        profileId,
        scope,
        schemas,
        reason: 'manual',
        ...(get().passphrase ? { passphrase: get().passphrase } : {}),
      });
      set({ backupJobId: jobId, error: undefined });
    } catch (e) {
      set({ error: toErrorData(e) });
    }
  },
  async verifyOne(id) {
    set({ verify: { ...get().verify, [id]: 'running' } });
    try {
      const result = await api().invoke('backups.verify', {
        id,
        ...(get().passphrase ? { passphrase: get().passphrase } : {}),
      });
      set({ verify: { ...get().verify, [id]: result } });
    } catch (e) {
      set({
        verify: {
          ...get().verify,
          [id]: { id, ok: false, checks: [{ name: 'verify', ok: false, detail: toErrorData(e).message }] },
        },
      });
    }
  },
  openWizard(backupId) {
    set({ wizard: newWizard(backupId) });
  },
  closeWizard() {
    set({ wizard: undefined });
  },
  patchWizard(p) {
    const w = get().wizard;
    if (w) set({ wizard: { ...w, ...p } });
  },
  async runPreflight() {
    const w = get().wizard;
    if (!w?.backupId) return;
    set({ wizard: { ...w, step: 'preflight', checking: true, preflight: undefined, error: undefined } });
    try {
      const preflight = await api().invoke('backups.preflight', restoreInput(w, get().profileId, get().passphrase));
      get().patchWizard({ preflight, checking: false });
    } catch (e) {
      get().patchWizard({ error: toErrorData(e), checking: false });
    }
  },
  async startRestore(confirmDatabase) {
    const w = get().wizard;
    if (!w?.backupId) return undefined;
    const asked = { ...w, confirmDatabase: confirmDatabase ?? w.confirmDatabase };
    try {
      const { jobId } = await api().invoke('backups.restore', restoreInput(asked, get().profileId, get().passphrase));
      set({ wizard: { ...asked, step: 'restore', error: undefined, result: undefined, jobId } });
      return undefined;
    } catch (e) {
      // A refusal goes back to the review that asked; the wizard stays on its preflight.
      return toErrorData(e);
    }
  },
  async finishRestore() {
    const w = get().wizard;
    if (!w?.jobId) return;
    const job = await api().invoke('jobs.get', { id: w.jobId });
    if (job.state === 'succeeded') get().patchWizard({ result: job.result as RestoreResult });
    else if (job.error)
      get().patchWizard({
        error: { code: job.error.code as ErrorData['code'], message: job.error.message, hint: job.error.hint },
      });
    const profileId = get().profileId;
    if (profileId) await get().load(profileId);
  },
}));
