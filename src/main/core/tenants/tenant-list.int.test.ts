import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openDemoFleet, type DemoFleet } from '../../../../test/demo-fleet';
import type { Core } from '../create-core';
import type { SeedSummary } from '../sandbox/seed-demo';
import type { TenantList } from '../../../shared/model/tenants';

let core: Core;
let client: pg.Client;
let seed: SeedSummary;
let profileId: string;

async function list(input: Record<string, unknown> = {}): Promise<TenantList> {
  const res = await core.api.call('tenants.list', { profileId, ...input });
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data as TenantList;
}

async function listError(input: Record<string, unknown>): Promise<string> {
  const res = await core.api.call('tenants.list', { profileId, ...input });
  if (res.ok) throw new Error('expected an error');
  return res.error.code;
}

let fleet: DemoFleet;

beforeAll(async () => {
  fleet = await openDemoFleet({ tenants: 6, students: 5 });
  ({ core, client, seed, profileId } = fleet);
}, 60_000);

afterAll(() => fleet?.close());

describe('django-tenants registry', () => {
  it('reconciles every state in one list: active, suspended, missing, orphan, behind, shared', async () => {
    const l = await list();
    expect(l.registry.kind).toBe('django-tenants');
    const by = new Map(l.tenants.map((t) => [t.schema, t]));
    expect(by.get('public')).toMatchObject({ shared: true, status: 'active' });
    expect(by.get(seed.missingSchema)).toMatchObject({
      status: 'missing',
      sizeBytes: null,
      behind: null,
      tables: null,
    });
    expect(by.get(seed.orphan)).toMatchObject({ status: 'orphan', behind: 0 });
    expect(by.get(seed.suspended)?.status).toBe('suspended');
    for (const schema of seed.behind) expect(by.get(schema)!.behind).toBeGreaterThan(0);
    const current = by.get(seed.schemas[0])!;
    expect(current).toMatchObject({ status: 'active', behind: 0, tables: 4, lastBackupAt: null });
    expect(current.sizeBytes).toBeGreaterThan(0);
    expect(current.domains).toHaveLength(1);
    expect(current.extra).toHaveProperty('plan');
    expect(current.extra).toHaveProperty('max_agents');
    expect(l.extraColumns).toContain('max_storage_mb');
    expect(l.canSuspend).toBe(true);
    expect(l.migrations).toHaveLength(6);
  });

  it('filters by state and by behind', async () => {
    expect((await list({ status: 'missing' })).tenants.map((t) => t.schema)).toEqual([seed.missingSchema]);
    expect((await list({ status: 'orphan' })).tenants.map((t) => t.schema)).toEqual([seed.orphan]);
    expect((await list({ status: 'behind' })).tenants.map((t) => t.schema).sort()).toEqual([...seed.behind].sort());
    expect((await list({ status: 'active' })).tenants.every((t) => t.status === 'active' && !t.shared)).toBe(true);
  });

  it('reads the last backup from the backups catalog when there is one', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = `${fleet.home}/backups/${profileId}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      `${dir}/catalog.json`,
      JSON.stringify({
        version: 1,
        profileKey: profileId,
        backups: [{ scope: 'tenant', schemas: [seed.schemas[0]], createdAt: '2025-01-02T03:04:05.000Z' }],
      }),
    );
    const by = new Map((await list()).tenants.map((t) => [t.schema, t]));
    expect(by.get(seed.schemas[0])!.lastBackupAt).toBe('2025-01-02T03:04:05.000Z');
    expect(by.get(seed.schemas[1])!.lastBackupAt).toBeNull();
    writeFileSync(`${dir}/catalog.json`, '{ not json');
    expect((await list()).tenants.length).toBeGreaterThan(0);
  });

  it('without a project, behind is unknown and a warning says why', async () => {
    const bare = await core.profiles.add({ ...fleet.db.settings, name: 'no-project' });
    const res = await core.api.call('tenants.list', { profileId: bare.id });
    if (!res.ok) throw new Error(res.error.message);
    const l = res.data as TenantList;
    expect(l.tenants.find((t) => t.schema === seed.schemas[0])!.behind).toBeNull();
    expect(l.warnings[0]).toMatch(/No project folder/);
  });

  it('refuses a registry table that is not there, or that lacks schema_name', async () => {
    expect(await listError({ registry: 'django-tenants:no_such_table' })).toBe('REGISTRY_NOT_FOUND');
    await client.query('CREATE TABLE public.fake_clients (id serial PRIMARY KEY, label text UNIQUE)');
    expect(await listError({ registry: 'django-tenants:fake_clients' })).toBe('REGISTRY_NOT_FOUND');
    expect(await listError({ registry: 'native' })).toBe('REGISTRY_NOT_FOUND');
    expect(await listError({ registry: 'bogus' })).toBe('VALIDATION_FAILED');
  });
});

describe('pattern registry', () => {
  it('lists the schemas matching the glob, with `_` literal, and no orphans', async () => {
    await client.query('CREATE SCHEMA tenantXabc; CREATE SCHEMA "tenant_zz"');
    const l = await list({ registry: 'pattern:tenant_*' });
    expect(l.registry.kind).toBe('pattern');
    const schemas = l.tenants.map((t) => t.schema);
    expect(schemas).toContain(seed.orphan);
    expect(schemas).toContain('tenant_zz');
    expect(schemas).not.toContain('tenantxabc');
    expect(l.tenants.every((t) => t.status === 'active')).toBe(true);
    expect(l.tenants.find((t) => t.schema === 'tenant_zz')).toMatchObject({ tables: 0, behind: 6 });
    expect(l.canSuspend).toBe(false);
  });
});

describe('native registry', () => {
  it('installs only on opt-in, then lists and reconciles tenantry.tenants with domains', async () => {
    const install = await core.api.call('tenants.installNative', { profileId });
    expect(install).toMatchObject({ ok: true, data: { applied: ['0001_native_registry'] } });
    const again = await core.api.call('tenants.installNative', { profileId });
    expect(again).toMatchObject({ ok: true, data: { applied: [], alreadyInstalled: ['0001_native_registry'] } });
    const { rows } = await client.query(`SELECT name, state FROM tenantry.tenantry_migrations`);
    expect(rows).toEqual([{ name: '0001_native_registry', state: 'applied' }]);

    await client.query(
      `INSERT INTO tenantry.tenants (schema_name, name, status, plan) VALUES ($1, 'Uno', 'active', 'pro'), ($2, 'Dos', 'suspended', NULL), ('tenant_native_gone', 'Gone', 'active', NULL)`,
      [seed.schemas[0], seed.schemas[1]],
    );
    await client.query(
      `INSERT INTO tenantry.domains (domain, schema_name, is_primary) VALUES ('uno.example.com', $1, true), ('alt.uno.example.com', $1, false)`,
      [seed.schemas[0]],
    );
    const l = await list({ registry: 'native' });
    expect(l.registry).toMatchObject({ kind: 'native', source: 'tenantry.tenants' });
    const by = new Map(l.tenants.map((t) => [t.schema, t]));
    expect(by.get(seed.schemas[0])).toMatchObject({
      name: 'Uno',
      status: 'active',
      domains: ['uno.example.com', 'alt.uno.example.com'],
      extra: { plan: 'pro' },
    });
    expect(by.get(seed.schemas[1])?.status).toBe('suspended');
    expect(by.get('tenant_native_gone')?.status).toBe('missing');
    expect(by.get(seed.schemas[2])?.status).toBe('orphan');
    expect(by.has('tenantry')).toBe(false);
    // auto prefers a native registry that has rows.
    expect((await list()).registry.kind).toBe('native');
  });
});
