import { create } from 'zustand';
import type { Input } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import type { CrossQueryResult, TenantFilter, TenantList, TenantRow } from '../../../shared/model/tenants';
import { api } from '../api/client';
import { toErrorData } from './app';

export type SortKey = 'schema' | 'name' | 'status' | 'behind' | 'sizeBytes' | 'lastBackupAt';

interface QueryState {
  jobId?: string;
  result?: CrossQueryResult;
  error?: ErrorData;
}

interface TenantsState {
  profileId?: string;
  list?: TenantList;
  loading: boolean;
  error?: ErrorData;
  filter?: TenantFilter;
  search: string;
  sort: { key: SortKey; desc: boolean };
  selected?: string;
  query: QueryState;
  load(profileId: string): Promise<void>;
  setFilter(filter: TenantFilter | undefined): void;
  setSearch(search: string): void;
  setSort(key: SortKey): void;
  select(schema: string | undefined): void;
  /** Runs a change, then reloads the list; returns the error instead of throwing. */
  act<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ErrorData }>;
  startQuery(input: Omit<Input<'tenants.query'>, 'profileId'>): Promise<void>;
  finishQuery(jobId: string, state: string, error?: ErrorData): Promise<void>;
}

export const useTenants = create<TenantsState>((set, get) => ({
  loading: false,
  search: '',
  sort: { key: 'schema', desc: false },
  query: {},
  async load(profileId) {
    set({ loading: true, error: undefined, profileId });
    try {
      const list = await api().invoke('tenants.list', { profileId });
      if (get().profileId === profileId) set({ list, loading: false });
    } catch (e) {
      set({ error: toErrorData(e), loading: false });
    }
  },
  setFilter: (filter) => set({ filter }),
  setSearch: (search) => set({ search }),
  setSort: (key) => set(({ sort }) => ({ sort: { key, desc: sort.key === key ? !sort.desc : false } })),
  select: (selected) => set({ selected }),
  async act(work) {
    try {
      const value = await work();
      const id = get().profileId;
      if (id) await get().load(id);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  },
  async startQuery(input) {
    const profileId = get().profileId;
    if (!profileId) return;
    set({ query: {} });
    try {
      const { jobId } = await api().invoke('tenants.query', { ...input, profileId });
      set({ query: { jobId } });
    } catch (e) {
      set({ query: { error: toErrorData(e) } });
    }
  },
  async finishQuery(jobId, state, error) {
    if (get().query.jobId !== jobId) return;
    if (state !== 'succeeded')
      return set({ query: { jobId, error: error ?? { code: 'CANCELLED', message: 'The query was cancelled.' } } });
    const job = await api().invoke('jobs.get', { id: jobId });
    set({ query: { jobId, result: job.result as CrossQueryResult } });
  },
}));

const STATUS_ORDER = { active: 0, suspended: 1, missing: 2, orphan: 3 } as const;

/** The rows the list shows: filter, then search (schema, name, domains), then sort. */
export function visibleTenants(
  rows: TenantRow[],
  filter: TenantFilter | undefined,
  search: string,
  sort: { key: SortKey; desc: boolean },
): TenantRow[] {
  const needle = search.trim().toLowerCase();
  const out = rows.filter((t) => {
    if (filter === 'behind' ? !(t.behind && t.behind > 0) || t.shared : filter && (t.status !== filter || t.shared))
      return false;
    if (!needle) return true;
    return (
      t.schema.includes(needle) || t.name.toLowerCase().includes(needle) || t.domains.some((d) => d.includes(needle))
    );
  });
  const value = (t: TenantRow): string | number => {
    if (sort.key === 'status') return STATUS_ORDER[t.status];
    const v = t[sort.key];
    return v === null || v === undefined ? -1 : v;
  };
  out.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sort.desc ? -c : c;
  });
  return out;
}

export function countByState(rows: TenantRow[]): Record<TenantFilter, number> {
  const counts: Record<TenantFilter, number> = { active: 0, suspended: 0, missing: 0, orphan: 0, behind: 0 };
  for (const t of rows) {
    if (t.shared) continue;
    counts[t.status]++;
    if (t.behind && t.behind > 0) counts.behind++;
  }
  return counts;
}
