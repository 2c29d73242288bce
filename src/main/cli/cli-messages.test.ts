import { describe, expect, it } from 'vitest';
import { CLI_MESSAGES, cliLanguage, cliTranslator, explainError } from './cli-messages';

describe('CLI messages', () => {
  it('has every key in English and in Spanish, with the same placeholders', () => {
    const en = Object.keys(CLI_MESSAGES.en);
    const es = Object.keys(CLI_MESSAGES.es);
    expect(en.filter((k) => !es.includes(k))).toEqual([]);
    expect(es.filter((k) => !en.includes(k))).toEqual([]);
    const holes = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join();
    for (const k of en as (keyof typeof CLI_MESSAGES.en)[])
      expect(holes(CLI_MESSAGES.es[k]), k).toBe(holes(CLI_MESSAGES.en[k]));
  });

  it('picks the language from LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(cliLanguage({ LANG: 'es_AR.UTF-8' })).toBe('es');
    expect(cliLanguage({ LANG: 'es' })).toBe('es');
    expect(cliLanguage({ LANG: 'es_ES.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
    expect(cliLanguage({ LANG: 'C.UTF-8', LC_ALL: 'es_MX.UTF-8' })).toBe('es');
    expect(cliLanguage({ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'es_CL.UTF-8' })).toBe('es');
    expect(cliLanguage({ LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLanguage({ LANG: 'estonian' })).toBe('en');
    expect(cliLanguage({})).toBe('en');
  });

  it('fills placeholders in either language', () => {
    expect(cliTranslator('es')('profiles.added', { name: 'prod', env: 'production' })).toBe(
      'Perfil prod agregado (production).',
    );
    expect(cliTranslator('en')('out.hint', { hint: 'check it' })).toBe('hint: check it');
  });

  it('explains the lock and lost-connection codes in either language, and only those it knows', () => {
    expect(explainError('TENANT_LOCKED', 'es')).toContain('Otra operación está cambiando este inquilino');
    expect(explainError('CONNECTION_LOST', 'en')).toContain('connection to the server was lost');
    expect(explainError('VALIDATION_FAILED', 'en')).toBeUndefined();
  });
});
