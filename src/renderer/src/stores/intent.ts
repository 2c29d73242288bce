import { create } from 'zustand';
import { useApp, type ScreenId } from './app';

/** What the palette asked for: a screen opens the matching review, and runs nothing. */
export type Intent =
  | { kind: 'migrate'; tenants?: string[] }
  | { kind: 'dry-run' }
  | { kind: 'verify' }
  | { kind: 'backup' }
  | { kind: 'restore' }
  | { kind: 'runbook'; runbook?: string };

const SCREEN: Record<Intent['kind'], ScreenId> = {
  migrate: 'migrations',
  'dry-run': 'migrations',
  verify: 'checks',
  backup: 'backups',
  restore: 'backups',
  runbook: 'checklists',
};

interface IntentState {
  intent?: Intent;
  request(intent: Intent): void;
  /** The screen takes the intent it handles (once) and opens its review. */
  take<K extends Intent['kind']>(kinds: K[]): Extract<Intent, { kind: K }> | undefined;
}

export const useIntent = create<IntentState>((set, get) => ({
  request(intent) {
    set({ intent });
    useApp.getState().go(SCREEN[intent.kind]);
  },
  take(kinds) {
    const intent = get().intent;
    if (!intent || !(kinds as string[]).includes(intent.kind)) return undefined;
    set({ intent: undefined });
    return intent as Extract<Intent, { kind: (typeof kinds)[number] }>;
  },
}));
