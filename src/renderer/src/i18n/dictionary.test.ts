import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import { dictionaries, MESSAGE_MODULES } from './dictionary';
import { formatBytes, formatters } from './format';
import { interpolate, languageFromLocale, placeholders } from './translate';
import { translator } from './index';

/** Keys present in `a` and missing in `b`. */
const missing = (a: object, b: object) => Object.keys(a).filter((k) => !(k in b));

describe('dictionaries', () => {
  it.each(Object.entries(MESSAGE_MODULES))('%s has the same keys in English and Spanish', (_name, mod) => {
    expect(missing(mod.en, mod.es), 'in English, not in Spanish').toEqual([]);
    expect(missing(mod.es, mod.en), 'in Spanish, not in English').toEqual([]);
  });

  it('the merged dictionaries have the same keys, none empty, none defined by two areas', () => {
    expect(missing(dictionaries.en, dictionaries.es)).toEqual([]);
    expect(missing(dictionaries.es, dictionaries.en)).toEqual([]);
    for (const lang of ['en', 'es'] as const) {
      const empty = Object.entries(dictionaries[lang]).filter(([, v]) => !v.trim());
      expect(empty, `empty ${lang} messages`).toEqual([]);
    }
    const total = Object.values(MESSAGE_MODULES).reduce((n, m) => n + Object.keys(m.en).length, 0);
    expect(Object.keys(dictionaries.en).length).toBe(total);
  });

  it('a translation uses the same {placeholders} as the English message', () => {
    const es = dictionaries.es as Record<string, string>;
    const wrong = Object.entries(dictionaries.en).filter(
      ([k, v]) => placeholders(v).join() !== placeholders(es[k]).join(),
    );
    expect(wrong.map(([k]) => k)).toEqual([]);
  });

  it('every error code has a line in both languages', () => {
    const lacking = ERROR_CODES.filter((c) => !(`err.${c}` in dictionaries.en) || !(`err.${c}` in dictionaries.es));
    expect(lacking).toEqual([]);
  });

  it('the check itself notices a key missing on either side', () => {
    expect(missing({ a: 1, b: 2 }, { a: 1 })).toEqual(['b']);
    expect(missing({ a: 1 }, { a: 1, c: 3 })).toEqual([]);
  });
});

describe('translate', () => {
  it('follows the OS language, falling back to English', () => {
    expect(languageFromLocale('es-AR')).toBe('es');
    expect(languageFromLocale('es')).toBe('es');
    expect(languageFromLocale('en-US')).toBe('en');
    expect(languageFromLocale('fr-FR')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });

  it('fills placeholders with locale numbers and picks plural forms', () => {
    expect(interpolate('{n} of {total}', { n: 3, total: 1200 }, 'en')).toBe('3 of 1,200');
    expect(interpolate('{missing} stays', {}, 'en')).toBe('{missing} stays');
    const es = translator('es');
    const en = translator('en');
    expect(en('overview.tenants', { count: 1 })).toBe('1 tenant');
    expect(en('overview.tenants', { count: 12 })).toBe('12 tenants');
    expect(es('overview.tenants', { count: 1 })).toBe('1 inquilino');
    expect(es('overview.tenants', { count: 2500 })).toBe('2500 inquilinos');
    expect(es('nav.tenants')).toBe('Inquilinos');
  });
});

describe('formatters', () => {
  it('write sizes, numbers and dates per locale', () => {
    expect(formatBytes(1536 * 1024, 'en')).toBe('1.5 MB');
    expect(formatBytes(1536 * 1024, 'es')).toBe('1,5 MB');
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(null, 'en')).toBe('–');
    expect(formatters('en').number(1234567)).toBe('1,234,567');
    expect(formatters('es').number(1234567)).toBe('1.234.567');
    const iso = '2025-03-04T10:20:00Z';
    expect(formatters('en').date(iso)).toMatch(/Mar/);
    expect(formatters('es').date(iso)).toMatch(/mar/);
    expect(formatters('es').date(null, 'nunca')).toBe('nunca');
  });
});
