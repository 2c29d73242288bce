import { create } from 'zustand';

/** A tenant another screen was asked to show (the tenant detail's "migrate" leads to its matrix row). */
interface TenantFocusState {
  schema?: string;
  focus(schema: string | undefined): void;
}

export const useTenantFocus = create<TenantFocusState>((set) => ({
  focus: (schema) => set({ schema }),
}));
