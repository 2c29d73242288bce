import { create } from 'zustand';
import type { Input, Output } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import { api } from '../api/client';
import { toErrorData } from './app';

export type AuditFilterInput = Omit<Input<'audit.list'>, 'limit'>;
export type AuditLineRow = Output<'audit.list'>['lines'][number];

interface AuditState {
  filter: AuditFilterInput;
  lines: AuditLineRow[];
  total: number;
  loaded: boolean;
  error?: ErrorData;
  verify?: Output<'audit.verify'>;
  setFilter(f: Partial<AuditFilterInput>): void;
  load(): Promise<void>;
  runVerify(): Promise<void>;
  exportCsv(): Promise<{ content: string; count: number } | undefined>;
}

/** Empty strings are "no filter", not a filter for the empty string. */
function clean(filter: AuditFilterInput): AuditFilterInput {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '' && v !== undefined)) as AuditFilterInput;
}

export const useAudit = create<AuditState>((set, get) => ({
  filter: {},
  lines: [],
  total: 0,
  loaded: false,
  setFilter(f) {
    set({ filter: { ...get().filter, ...f } });
  },
  async load() {
    try {
      const { lines, total } = await api().invoke('audit.list', { ...clean(get().filter), limit: 2000 });
      set({ lines, total, loaded: true, error: undefined });
    } catch (e) {
      set({ error: toErrorData(e), loaded: true });
    }
  },
  async runVerify() {
    try {
      set({ verify: await api().invoke('audit.verify', {}), error: undefined });
    } catch (e) {
      set({ error: toErrorData(e) });
    }
  },
  async exportCsv() {
    try {
      const { content, count } = await api().invoke('audit.export', { ...clean(get().filter), format: 'csv' });
      return { content, count };
    } catch (e) {
      set({ error: toErrorData(e) });
      return undefined;
    }
  },
}));
