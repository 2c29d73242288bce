import { describe, expect, it } from 'vitest';
import { quoteIdent, validateIdentifier } from './identifiers';

describe('validateIdentifier', () => {
  it.each([
    ['with"quote', 'quotes'],
    ['with space', 'spaces'],
    ['semi;colon', 'semicolons'],
    ['Upper', 'upper case'],
    ['niño', 'non-ASCII'],
    ['a'.repeat(70), '70 characters'],
    ['', 'empty'],
    ['1abc', 'a leading digit'],
    ['pg_temp', 'the pg_ prefix'],
  ])('refuses %j (%s) with INVALID_IDENTIFIER', (name) => {
    expect(() => validateIdentifier(name)).toThrowError(
      expect.objectContaining({ code: 'INVALID_IDENTIFIER', hint: expect.any(String) }),
    );
  });

  it('accepts a django-tenants schema name', () => {
    expect(validateIdentifier('tenant_barberia_juan_ab12')).toBe('tenant_barberia_juan_ab12');
    expect(validateIdentifier('a'.repeat(63))).toHaveLength(63);
  });
});

describe('quoteIdent', () => {
  it('doubles embedded quotes so a name can never close its quoting', () => {
    expect(quoteIdent('a"; DROP SCHEMA x; --')).toBe('"a""; DROP SCHEMA x; --"');
  });
});
