import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The settings store in Node: localStorage, matchMedia and navigator are stand-ins for the browser's. */
function fakeBrowser(saved: string | null, prefersDark: boolean, language = 'en-US') {
  const store = new Map<string, string>(saved === null ? [] : [['tenantry.settings', saved]]);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
  });
  const listeners: ((e: { matches: boolean }) => void)[] = [];
  vi.stubGlobal('matchMedia', () => ({
    matches: prefersDark,
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.push(l),
  }));
  vi.stubGlobal('navigator', { language });
  return { store, osSwitchesTo: (dark: boolean) => listeners.forEach((l) => l({ matches: dark })) };
}

async function load() {
  vi.resetModules();
  return import('./settings');
}

describe('settings', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('follows the OS for language and theme until something is chosen, and follows its changes', async () => {
    const os = fakeBrowser(null, false, 'es-AR');
    const { useSettings, effectiveLanguage, effectiveTheme } = await load();
    expect(effectiveLanguage(useSettings.getState())).toBe('es');
    expect(effectiveTheme(useSettings.getState())).toBe('light');
    os.osSwitchesTo(true);
    expect(effectiveTheme(useSettings.getState())).toBe('dark');
  });

  it('keeps a choice in localStorage and reads it back at the next start', async () => {
    const browser = fakeBrowser(null, true);
    let s = await load();
    s.useSettings.getState().setLanguage('es');
    s.useSettings.getState().setTheme('light');
    expect(JSON.parse(browser.store.get('tenantry.settings')!)).toEqual({ languageChoice: 'es', themeChoice: 'light' });
    fakeBrowser(browser.store.get('tenantry.settings')!, true, 'en-US');
    s = await load();
    expect(s.effectiveLanguage(s.useSettings.getState())).toBe('es');
    expect(s.effectiveTheme(s.useSettings.getState())).toBe('light');
  });

  it('ignores a damaged or foreign saved value', async () => {
    fakeBrowser('{not json', true);
    let s = await load();
    expect(s.useSettings.getState().languageChoice).toBe('system');
    fakeBrowser(JSON.stringify({ languageChoice: 'fr', themeChoice: 'neon' }), true);
    s = await load();
    expect(s.useSettings.getState()).toMatchObject({ languageChoice: 'system', themeChoice: 'system' });
  });
});
