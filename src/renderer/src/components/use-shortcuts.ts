import { useEffect } from 'react';
import { SCREENS } from '../features/screens';
import type { ScreenId } from '../stores/app';
import { createShortcutReader, isMac, isTypingTarget } from './keyboard';

/** Window-wide keys: Ctrl/Cmd+K, ?, and "g then <letter>"; off while a dialog is open (except to close it). */
export function useShortcuts(h: { palette(): void; help(): void; go(id: ScreenId): void; dialogOpen: boolean }) {
  const { palette, help, go, dialogOpen } = h;
  useEffect(() => {
    const read = createShortcutReader({ mac: isMac() });
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = read(e, dialogOpen || isTypingTarget(e.target));
      if (!action) return;
      if (action.kind === 'palette') {
        e.preventDefault();
        if (!dialogOpen) palette();
      } else if (action.kind === 'help') {
        e.preventDefault();
        help();
      } else if (action.kind === 'go') {
        const screen = SCREENS.find((s) => s.key === action.key);
        if (screen) {
          e.preventDefault();
          go(screen.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [palette, help, go, dialogOpen]);
}
