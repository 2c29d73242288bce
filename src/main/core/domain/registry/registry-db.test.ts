import { describe, expect, it } from 'vitest';
import { column, registryDb } from './registry-db';

const odd = { schema: 'public', table: 'clinic.tenant "x"', domain: { schema: 'public', table: 'clinic_domain' } };

describe('registryDb', () => {
  it('compiles the role names to the real tables, each name one quoted identifier', () => {
    const q = registryDb(odd)
      .selectFrom('registry_domain as d')
      .innerJoin('registry_tenant as r', 'r.schema_name', 'd.domain')
      .select(column('r', 'max.users').as('m'))
      .where('r.schema_name', '=', "tenant_'a")
      .compile();
    expect(q.sql).toBe(
      'select "r"."max.users" as "m" from "public"."clinic_domain" as "d" inner join "public"."clinic.tenant ""x""" as "r" on "r"."schema_name" = "d"."domain" where "r"."schema_name" = $1',
    );
    expect(q.parameters).toEqual(["tenant_'a"]);
  });

  it('qualifies unaliased references with the real table too', () => {
    const q = registryDb({ schema: 'tenantry', table: 'tenants' })
      .deleteFrom('registry_tenant')
      .where('registry_tenant.schema_name', '=', 's')
      .compile();
    expect(q.sql).toBe('delete from "tenantry"."tenants" where "tenantry"."tenants"."schema_name" = $1');
  });

  it('refuses a statement on a domain table the registry does not have', () => {
    const q = registryDb({ schema: 'public', table: 'customers_client' }).selectFrom('registry_domain').selectAll();
    expect(() => q.compile()).toThrow(/no registry_domain table/);
  });
});
