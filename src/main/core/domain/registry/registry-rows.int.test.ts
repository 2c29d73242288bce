import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../../test/pg-harness';
import { installConsoleSql, NATIVE_REGISTRY_MIGRATION } from '../ledger/console-sql';
import { detectRegistry } from './detect-registry';
import { loadFleet } from './fleet';
import { isRegistered, readTenantDomains, readTenantRow } from './registry-reads';
import { readRegistryTable, type RegistryTable } from './registry-table';
import { deleteRegistryRow, insertDomains, insertRegistryRow, writeTenantStatus } from './registry-writes';

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = await db.client();
  for (const s of ['tenant_a', 'tenant_b', 'tenant_orphan']) await client.query(`CREATE SCHEMA ${s}`);
}, 60_000);

afterAll(() => db?.drop());

async function tableFor(spec: string): Promise<RegistryTable> {
  return (await readRegistryTable(client, await detectRegistry(client, spec)))!;
}

async function statuses(spec: string): Promise<Record<string, string>> {
  const fleet = await loadFleet(client, spec);
  return Object.fromEntries(fleet.tenants.map((t) => [t.schema, t.shared ? 'shared' : t.status]));
}

/** The same rounds on either kind of registry: register, read back, suspend, reconcile, remove. */
async function roundTrip(spec: string, extra: Record<string, string>): Promise<void> {
  const table = await tableFor(spec);
  await insertRegistryRow(client, table, 'tenant_a', 'Clínica A', extra);
  await insertDomains(client, table, 'tenant_a', ['a.example.com', 'a2.example.com']);
  await insertRegistryRow(client, table, 'tenant_b', 'B', extra);
  await insertRegistryRow(client, table, 'tenant_gone', 'Gone', extra);

  expect(await isRegistered(client, table, 'tenant_a')).toBe(true);
  expect(await isRegistered(client, table, 'tenant_orphan')).toBe(false);
  expect(await readTenantRow(client, table, 'tenant_a', Object.keys(extra))).toEqual({
    name: 'Clínica A',
    values: extra,
  });
  expect(await readTenantRow(client, table, 'tenant_orphan', [])).toBeUndefined();
  expect(await readTenantDomains(client, table, 'tenant_a')).toEqual(['a.example.com', 'a2.example.com']);
  expect((await detectRegistry(client, spec)).tenantCount).toBe(3);

  await expect(insertRegistryRow(client, table, 'tenant_a', 'Again', extra)).rejects.toMatchObject({
    code: 'TENANT_EXISTS',
  });
  await expect(insertDomains(client, table, 'tenant_b', ['a.example.com'])).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  });

  await writeTenantStatus(client, table, 'tenant_b', 'suspended');
  expect(await statuses(spec)).toMatchObject({
    tenant_a: 'active',
    tenant_b: 'suspended',
    tenant_gone: 'missing',
    tenant_orphan: 'orphan',
  });
  await writeTenantStatus(client, table, 'tenant_b', 'active');
  expect((await statuses(spec)).tenant_b).toBe('active');

  expect(await deleteRegistryRow(client, table, 'tenant_a')).toBe(true);
  expect(await deleteRegistryRow(client, table, 'tenant_a')).toBe(false);
  expect(await readTenantDomains(client, table, 'tenant_a')).toEqual([]);
  for (const s of ['tenant_b', 'tenant_gone']) await deleteRegistryRow(client, table, s);
  expect((await detectRegistry(client, spec)).tenantCount).toBe(0);
}

describe('registry rows', () => {
  it('native registry: every statement on tenantry.tenants and tenantry.domains', async () => {
    await installConsoleSql(client, { only: [NATIVE_REGISTRY_MIGRATION] });
    const table = await tableFor('native');
    expect(table).toMatchObject({ kind: 'native', keyColumn: 'schema_name', status: { column: 'status' } });
    await roundTrip('native', { plan: 'pro' });
  });

  it('django-tenants registry named with a dot: the names stay one identifier each', async () => {
    await client.query(`
      CREATE TABLE public."clinic.tenant" (id serial PRIMARY KEY, schema_name varchar(63) NOT NULL UNIQUE,
                                           name text NOT NULL, is_active boolean NOT NULL DEFAULT true, max_users int);
      CREATE TABLE public."clinic.domain" (id serial PRIMARY KEY, domain varchar(253) NOT NULL UNIQUE,
                                           tenant_id int NOT NULL REFERENCES public."clinic.tenant" (id), is_primary boolean NOT NULL)`);
    const spec = 'django-tenants:clinic.tenant:clinic.domain';
    const table = await tableFor(spec);
    expect(table).toMatchObject({
      kind: 'django-tenants',
      table: 'clinic.tenant',
      keyColumn: 'id',
      status: { column: 'is_active', kind: 'bool' },
      domain: { table: 'clinic.domain', fkColumn: 'tenant_id', hasIsPrimary: true },
      extraColumns: ['max_users'],
    });
    await insertRegistryRow(client, table, 'public', 'Public', {});
    await roundTrip(spec, { max_users: '25' });
    expect((await statuses(spec)).public).toBe('shared');
  });

  it('records the first domain as the primary one where the table has is_primary', async () => {
    const table = await tableFor('django-tenants:clinic.tenant:clinic.domain');
    await insertRegistryRow(client, table, 'tenant_a', 'A', { max_users: '3' });
    await insertDomains(client, table, 'tenant_a', ['z.example.com', 'b.example.com']);
    const { rows } = await client.query(`SELECT domain, is_primary FROM public."clinic.domain" ORDER BY domain`);
    expect(rows).toEqual([
      { domain: 'b.example.com', is_primary: false },
      { domain: 'z.example.com', is_primary: true },
    ]);
    expect(await readTenantDomains(client, table, 'tenant_a')).toEqual(['z.example.com', 'b.example.com']);
  });
});
