import { useMemo } from 'react';
import { effectiveLanguage, useSettings } from '../stores/settings';
import { dictionaries, type MessageKey } from './dictionary';
import { formatters, type Formatters } from './format';
import { interpolate, type Language, type Vars } from './translate';

export type { MessageKey } from './dictionary';
export type { Language } from './translate';

export type T = (key: MessageKey, vars?: Vars) => string;

/** A translator for one language; `count` picks the `.one`/`.other` form by the language's plural rules. */
export function translator(lang: Language): T {
  const dict = dictionaries[lang] as Record<string, string>;
  const rules = new Intl.PluralRules(lang);
  return (key, vars) => {
    let k: string = key;
    if (typeof vars?.count === 'number' && dict[`${key}.${rules.select(vars.count)}`] !== undefined)
      k = `${key}.${rules.select(vars.count)}`;
    else if (typeof vars?.count === 'number' && dict[`${key}.other`] !== undefined) k = `${key}.other`;
    return interpolate(dict[k] ?? (dictionaries.en as Record<string, string>)[k] ?? key, vars, lang);
  };
}

export interface I18n {
  t: T;
  lang: Language;
  fmt: Formatters;
}

const cache = new Map<Language, I18n>();
function i18nFor(lang: Language): I18n {
  let v = cache.get(lang);
  if (!v) cache.set(lang, (v = { t: translator(lang), lang, fmt: formatters(lang) }));
  return v;
}

/** The current language's translator and formatters; components re-render when the language changes. */
export function useT(): I18n {
  const lang = useSettings(effectiveLanguage);
  return useMemo(() => i18nFor(lang), [lang]);
}

/** Outside React (stores, event handlers): the language chosen right now. */
export const currentI18n = (): I18n => i18nFor(effectiveLanguage(useSettings.getState()));

const ENV_KEYS = { local: 'env.local', staging: 'env.staging', production: 'env.production' } as const;

/** An environment name in the user's language; an unknown one (from an old audit line) as written. */
export const envLabel = (t: T, env: string): string =>
  env in ENV_KEYS ? t(ENV_KEYS[env as keyof typeof ENV_KEYS]) : env;
