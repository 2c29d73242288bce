/** Pure keyboard logic (no DOM), so the shortcut rules are unit-tested. */

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export type ShortcutAction =
  { kind: 'palette' } | { kind: 'help' } | { kind: 'go'; key: string } | { kind: 'pending' } | undefined;

export const isPaletteKey = (e: KeyLike, mac: boolean) =>
  e.key.toLowerCase() === 'k' && (mac ? e.metaKey : e.ctrlKey) && !e.altKey;

/** How the palette chord is written on this OS. */
export const paletteKeys = (mac: boolean) => (mac ? '⌘K' : 'Ctrl+K');

/**
 * Follows "g then <letter>" sequences: `next` gets each key press and returns what to do. A "g"
 * waits up to `timeoutMs` for the second key. Typing in a field never triggers anything but the palette.
 */
export function createShortcutReader(opts: { mac: boolean; timeoutMs?: number; now?: () => number }) {
  const timeout = opts.timeoutMs ?? 1500;
  const now = opts.now ?? Date.now;
  let pendingAt: number | undefined;
  return function next(e: KeyLike, typing: boolean): ShortcutAction {
    if (isPaletteKey(e, opts.mac)) {
      pendingAt = undefined;
      return { kind: 'palette' };
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) {
      pendingAt = undefined;
      return undefined;
    }
    if (pendingAt !== undefined && now() - pendingAt <= timeout) {
      pendingAt = undefined;
      return { kind: 'go', key: e.key.toLowerCase() };
    }
    pendingAt = undefined;
    if (e.key === '?') return { kind: 'help' };
    if (e.key === 'g') {
      pendingAt = now();
      return { kind: 'pending' };
    }
    return undefined;
  };
}

/** True when the key press belongs to a text field (where letters are text, not shortcuts). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || !!el.closest('input, textarea, select, [contenteditable="true"]');
}

export const isMac = () =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
