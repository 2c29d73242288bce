/** The languages the console speaks; English is the fallback. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Vars = Record<string, string | number>;

/** The OS language (navigator.language) mapped onto what we have: "es-AR" → es, "fr" → en. */
export function languageFromLocale(locale: string | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

/** Fills `{name}` placeholders; a missing variable stays visible as `{name}` rather than vanishing. */
export function interpolate(text: string, vars?: Vars, lang: Language = 'en'): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : v;
  });
}

/** Placeholder names in a message, for the parity test: a translation must use the same ones. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
