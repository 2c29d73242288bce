import { describe, expect, it } from 'vitest';
import { createShortcutReader, isPaletteKey, paletteKeys } from './keyboard';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('opens the palette with Ctrl+K, or Cmd+K on macOS, even while typing', () => {
    expect(isPaletteKey(key('k', { ctrlKey: true }), false)).toBe(true);
    expect(isPaletteKey(key('K', { metaKey: true }), true)).toBe(true);
    expect(isPaletteKey(key('k', { metaKey: true }), false)).toBe(false);
    const read = createShortcutReader({ mac: false });
    expect(read(key('k', { ctrlKey: true }), true)).toEqual({ kind: 'palette' });
    expect(paletteKeys(true)).toBe('⌘K');
  });

  it('reads "g then t" as go to a screen, within the time allowed', () => {
    let t = 0;
    const read = createShortcutReader({ mac: false, timeoutMs: 1000, now: () => t });
    expect(read(key('g'), false)).toEqual({ kind: 'pending' });
    t = 500;
    expect(read(key('t'), false)).toEqual({ kind: 'go', key: 't' });
    expect(read(key('t'), false)).toBeUndefined();
    expect(read(key('g'), false)).toEqual({ kind: 'pending' });
    t = 2000;
    expect(read(key('t'), false)).toBeUndefined();
  });

  it('ignores letters typed in a field, and ? opens the help', () => {
    const read = createShortcutReader({ mac: false });
    expect(read(key('g'), true)).toBeUndefined();
    expect(read(key('t'), true)).toBeUndefined();
    expect(read(key('?'), false)).toEqual({ kind: 'help' });
    expect(read(key('?'), true)).toBeUndefined();
    expect(read(key('g', { ctrlKey: true }), false)).toBeUndefined();
  });
});
