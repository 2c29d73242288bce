import { describe, expect, it } from 'vitest';
import { schemaNameProblem, slugify, suggestSchemaName } from '../../../shared/model/tenants';
import { validateIdentifier } from '../db/identifiers';
import { assertQueryShape } from './cross-query';
import { assertTenantSchemaName } from './schema-checks';

const pattern = { kind: 'pattern' as const, source: 'tenant_*', tenantCount: 0 };

describe('schema names from display names', () => {
  it.each([
    ["Clínica Dr. O'Brien", 'clinica_dr_o_brien'],
    ['  Barbería  Juan; DROP SCHEMA public ', 'barberia_juan_drop_schema_public'],
    ['ÑANDÚ "Quoted"', 'nandu_quoted'],
    ['日本語', ''],
  ])('slugifies %s', (name, slug) => expect(slugify(name)).toBe(slug));

  it('always yields a valid identifier of at most 63 bytes', () => {
    for (const name of ['x'.repeat(70), 'ü'.repeat(80), '日本語', ';;;', 'A B C']) {
      const schema = suggestSchemaName(name, 'ab12');
      expect(() => validateIdentifier(schema)).not.toThrow();
      expect(Buffer.byteLength(schema)).toBeLessThanOrEqual(63);
      expect(schema).toMatch(/^tenant_[a-z0-9_]+_ab12$/);
    }
    expect(suggestSchemaName('日本語', 'ab12')).toBe('tenant_tenant_ab12');
  });

  it('live validation names the problem, as the core does', () => {
    expect(schemaNameProblem('tenant_ok_1')).toBeUndefined();
    for (const bad of [
      '',
      'Upper',
      'has space',
      "o'brien",
      'semi;colon',
      'clínica',
      'x'.repeat(64),
      'pg_x',
      'public',
      'tenantry_tmp_1',
      '1abc',
    ]) {
      expect(schemaNameProblem(bad)).toBeTruthy();
    }
  });

  it('a pattern registry only accepts names its glob matches, with _ literal', () => {
    expect(assertTenantSchemaName('tenant_a', pattern)).toBe('tenant_a');
    expect(() => assertTenantSchemaName('tenantxa', pattern)).toThrow(/does not match/);
    expect(() => assertTenantSchemaName('other', pattern)).toThrow(/does not match/);
  });
});

describe('query shape', () => {
  it('refuses session and transaction control, accepts SELECT forms', async () => {
    for (const sql of [
      'COMMIT',
      ' set x = 1',
      '/* c */ BEGIN',
      '-- c\nrollback',
      'copy t to stdout',
      'CALL p()',
      '',
      'WITH d AS (DELETE FROM t RETURNING 1) SELECT * FROM d',
      'SELECT 1; SELECT 2',
    ])
      await expect(assertQueryShape(sql)).rejects.toThrow();
    for (const sql of [
      'SELECT 1',
      'with x as (select 1) select * from x',
      '(SELECT 1)',
      'VALUES (1)',
      'TABLE t',
      'select settings from t',
    ])
      await expect(assertQueryShape(sql)).resolves.toBeUndefined();
  });
});
