import { describe, expect, it } from 'vitest';
import { globToLike, parseRegistrySpec } from './registry-spec';

describe('parseRegistrySpec', () => {
  it('reads every form CLI.md names', () => {
    expect(parseRegistrySpec(undefined)).toEqual({ kind: 'auto' });
    expect(parseRegistrySpec('native')).toEqual({ kind: 'native' });
    expect(parseRegistrySpec('django-tenants')).toEqual({
      kind: 'django-tenants',
      tenantTable: undefined,
      domainTable: undefined,
    });
    expect(parseRegistrySpec('django-tenants:clinicas_clinica:clinicas_dominio')).toEqual({
      kind: 'django-tenants',
      tenantTable: 'clinicas_clinica',
      domainTable: 'clinicas_dominio',
    });
    expect(parseRegistrySpec('pattern:tenant_*')).toEqual({ kind: 'pattern', glob: 'tenant_*' });
  });

  it('refuses an unknown registry with VALIDATION_FAILED', () => {
    expect(() => parseRegistrySpec('mongo')).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('globToLike', () => {
  it('keeps _ and % literal and turns * into %', () => {
    expect(globToLike('tenant_*')).toBe('tenant\\_%');
    expect(globToLike('a%b*')).toBe('a\\%b%');
  });
});
