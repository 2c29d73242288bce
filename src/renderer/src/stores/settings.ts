import { create } from 'zustand';
import { languageFromLocale, type Language } from '../i18n/translate';

export type LanguageChoice = 'system' | Language;
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

interface SettingsState {
  languageChoice: LanguageChoice;
  themeChoice: ThemeChoice;
  /** What the OS prefers right now (prefers-color-scheme), followed live. */
  systemTheme: Theme;
  setLanguage(choice: LanguageChoice): void;
  setTheme(choice: ThemeChoice): void;
}

const KEY = 'tenantry.settings';

function stored(): { languageChoice: LanguageChoice; themeChoice: ThemeChoice } {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<
      Record<'languageChoice' | 'themeChoice', string>
    >;
    const languageChoice = (['system', 'en', 'es'] as const).find((c) => c === raw.languageChoice) ?? 'system';
    const themeChoice = (['system', 'light', 'dark'] as const).find((c) => c === raw.themeChoice) ?? 'system';
    return { languageChoice, themeChoice };
  } catch {
    // A hand-edited or foreign value: start from the OS defaults.
    return { languageChoice: 'system', themeChoice: 'system' };
  }
}

const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

export const useSettings = create<SettingsState>((set, get) => {
  const save = () =>
    localStorage.setItem(KEY, JSON.stringify({ languageChoice: get().languageChoice, themeChoice: get().themeChoice }));
  darkQuery?.addEventListener('change', (e) => set({ systemTheme: e.matches ? 'dark' : 'light' }));
  return {
    ...stored(),
    systemTheme: darkQuery && !darkQuery.matches ? 'light' : 'dark',
    setLanguage(languageChoice) {
      set({ languageChoice });
      save();
    },
    setTheme(themeChoice) {
      set({ themeChoice });
      save();
    },
  };
});

export const effectiveLanguage = (s: Pick<SettingsState, 'languageChoice'>): Language =>
  s.languageChoice === 'system' ? languageFromLocale(navigator.language) : s.languageChoice;

export const effectiveTheme = (s: Pick<SettingsState, 'themeChoice' | 'systemTheme'>): Theme =>
  s.themeChoice === 'system' ? s.systemTheme : s.themeChoice;
