import { mkdirSync, cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openDemoFleet, type DemoFleet } from '../../../../test/demo-fleet';
import { createTestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import type { Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';

let core: Core;
let client: pg.Client;
let seed: SeedSummary;
let profileId: string;

async function ok<T = Record<string, unknown>>(method: string, input: Record<string, unknown>): Promise<T> {
  const res = await core.api.call(method, { profileId, ...input });
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data as T;
}

async function fails(method: string, input: Record<string, unknown>): Promise<string> {
  const res = await core.api.call(method, { profileId, ...input });
  if (res.ok) throw new Error(`expected ${method} to fail`);
  return res.error.code;
}

async function snapshot(): Promise<{ schemas: string[]; registry: number; domains: number }> {
  const s = await client.query<{ nspname: string }>(
    `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant%' ORDER BY 1`,
  );
  const r = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.customers_client');
  const d = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.customers_domain');
  return { schemas: s.rows.map((x) => x.nspname), registry: r.rows[0].n, domains: d.rows[0].n };
}

let fleet: DemoFleet;

beforeAll(async () => {
  fleet = await openDemoFleet({ tenants: 4, students: 5 });
  ({ core, client, seed, profileId } = fleet);
}, 60_000);

afterAll(() => fleet?.close());

describe('create', () => {
  it('derives a safe schema from any display name, applies every migration and registers it with its domains', async () => {
    const res = await ok<{ schema: string; applied: string[] }>('tenants.create', {
      name: "Clínica Dr. O'Brien; DROP TABLE x",
      domains: ['Clinica.Example.com', 'www.clinica.example.com'],
      values: { plan: 'pro' },
    });
    expect(res.schema).toMatch(/^tenant_clinica_dr_o_brien_drop_table_x_[0-9a-f]{4}$/);
    expect(res.applied).toHaveLength(6);
    const { rows } = await client.query('SELECT name, plan FROM public.customers_client WHERE schema_name = $1', [
      res.schema,
    ]);
    expect(rows).toEqual([{ name: "Clínica Dr. O'Brien; DROP TABLE x", plan: 'pro' }]);
    const ledger = await client.query(`SELECT count(*)::int AS n FROM "${res.schema}".tenantry_migrations`);
    expect(ledger.rows[0].n).toBe(6);
    const doms = await client.query(
      `SELECT d.domain, d.is_primary FROM public.customers_domain d JOIN public.customers_client c ON c.id = d.tenant_id WHERE c.schema_name = $1 ORDER BY 1`,
      [res.schema],
    );
    expect(doms.rows).toEqual([
      { domain: 'clinica.example.com', is_primary: true },
      { domain: 'www.clinica.example.com', is_primary: false },
    ]);
    const list = await ok<{ tenants: { schema: string; status: string; behind: number }[] }>('tenants.list', {});
    expect(list.tenants.find((t) => t.schema === res.schema)).toMatchObject({ status: 'active', behind: 0 });
  });

  it.each([
    ['quotes', `tenant_o'brien`],
    ['double quotes', 'tenant_"x"'],
    ['spaces', 'tenant bad'],
    ['semicolon', 'tenant_x;drop'],
    ['upper case', 'Tenant_Upper'],
    ['non-ASCII', 'tenant_clínica'],
    ['70 characters', `tenant_${'a'.repeat(63)}`],
    ['reserved pg_', 'pg_tenant'],
    ['excluded public', 'public'],
    ['excluded scratch', 'tenantry_tmp_abc'],
  ])('refuses a schema name with %s (INVALID_IDENTIFIER) and changes nothing', async (_, schema) => {
    const before = await snapshot();
    expect(await fails('tenants.create', { name: 'X', schema })).toBe('INVALID_IDENTIFIER');
    expect(await snapshot()).toEqual(before);
    expect(await ok<{ ok: boolean; code: string }>('tenants.checkSchema', { schema })).toMatchObject({
      ok: false,
      code: 'INVALID_IDENTIFIER',
    });
  });

  it('refuses an existing schema (SCHEMA_EXISTS) and a registered missing one (TENANT_EXISTS)', async () => {
    expect(await fails('tenants.create', { name: 'X', schema: seed.schemas[0] })).toBe('SCHEMA_EXISTS');
    expect(await fails('tenants.create', { name: 'X', schema: seed.missingSchema })).toBe('TENANT_EXISTS');
    expect(await ok('tenants.checkSchema', { schema: 'tenant_free_name' })).toMatchObject({ ok: true });
  });

  it('asks for NOT NULL registry columns without a default (REGISTRY_COLUMN_REQUIRED), and refuses unknown columns', async () => {
    await client.query(`ALTER TABLE public.customers_client ADD COLUMN region text`);
    await client.query(`UPDATE public.customers_client SET region = 'eu'`);
    await client.query(`ALTER TABLE public.customers_client ALTER COLUMN region SET NOT NULL`);
    const form = await ok<{ requiredColumns: { name: string }[] }>('tenants.createForm', {});
    expect(form.requiredColumns.map((c) => c.name)).toEqual(['region']);
    const before = await snapshot();
    expect(await fails('tenants.create', { name: 'Needs Region' })).toBe('REGISTRY_COLUMN_REQUIRED');
    expect(await fails('tenants.create', { name: 'Bad column', values: { region: 'eu', 'no_such"col': '1' } })).toBe(
      'VALIDATION_FAILED',
    );
    expect(await snapshot()).toEqual(before);
    const made = await ok<{ schema: string }>('tenants.create', { name: 'Has Region', values: { region: 'us' } });
    expect(
      (await client.query('SELECT region FROM public.customers_client WHERE schema_name = $1', [made.schema])).rows[0]
        .region,
    ).toBe('us');
  });

  it('is all or nothing: a failing seed or a taken domain leaves no schema, no ledger and no registry row', async () => {
    const project = path.join(fleet.home, 'project');
    cpSync(sampleProjectDir(), project, { recursive: true });
    mkdirSync(path.join(project, 'seeds'), { recursive: true });
    writeFileSync(path.join(project, 'seeds', '0001_bad.sql'), 'INSERT INTO clases_group (name) VALUES (NULL);');
    const before = await snapshot();
    const res = await core.api.call('tenants.create', {
      profileId,
      project,
      name: 'Seed Fails',
      schema: 'tenant_seed_fails',
      values: { region: 'eu' },
    });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'SQL_ERROR', sqlstate: '23502', tenant: 'tenant_seed_fails' },
    });
    expect(await snapshot()).toEqual(before);

    expect(
      await fails('tenants.create', {
        name: 'Taken',
        schema: 'tenant_taken_domain',
        domains: ['clinica.example.com'],
        values: { region: 'eu' },
      }),
    ).toBe('VALIDATION_FAILED');
    expect(await snapshot()).toEqual(before);

    writeFileSync(
      path.join(project, 'seeds', '0001_bad.sql'),
      "INSERT INTO clases_group (name) VALUES ('Primer grupo');",
    );
    const good = await ok<{ schema: string; seeds: string[] }>('tenants.create', {
      project,
      name: 'Seeded',
      values: { region: 'eu' },
    });
    expect(good.seeds).toContain('0001_bad.sql');
    expect((await client.query(`SELECT name FROM "${good.schema}".clases_group`)).rows).toContainEqual({
      name: 'Primer grupo',
    });
  });

  it('without a project creates an empty registered schema and warns', async () => {
    const bare = await core.profiles.add({ ...fleet.db.settings, name: 'bare' });
    const res = await core.api.call('tenants.create', {
      profileId: bare.id,
      name: 'Empty One',
      values: { region: 'eu' },
    });
    expect(res.ok).toBe(true);
    const data = res.ok ? (res.data as { schema: string; applied: string[]; warnings: string[] }) : undefined;
    expect(data!.applied).toEqual([]);
    expect(data!.warnings[0]).toMatch(/no tenant migrations were applied/);
    expect(
      (
        await client.query('SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = $1::regnamespace', [
          data!.schema,
        ])
      ).rows[0].n,
    ).toBe(0);
  });
});

describe('suspend, reconcile and drop', () => {
  it('suspends and reactivates through is_active', async () => {
    const schema = seed.schemas[0];
    await ok('tenants.setStatus', { schema, status: 'suspended' });
    expect(
      (await client.query('SELECT is_active FROM public.customers_client WHERE schema_name = $1', [schema])).rows[0]
        .is_active,
    ).toBe(false);
    await ok('tenants.setStatus', { schema, status: 'active' });
    expect(
      (await client.query('SELECT is_active FROM public.customers_client WHERE schema_name = $1', [schema])).rows[0]
        .is_active,
    ).toBe(true);
    expect(await fails('tenants.setStatus', { schema: 'tenant_nobody', status: 'suspended' })).toBe('TENANT_NOT_FOUND');
  });

  it('adopts an orphan and forgets a missing row', async () => {
    expect(await fails('tenants.forget', { schema: seed.schemas[0] })).toBe('VALIDATION_FAILED');
    await ok('tenants.forget', { schema: seed.missingSchema });
    expect(await fails('tenants.adopt', { schema: seed.orphan })).toBe('REGISTRY_COLUMN_REQUIRED');
    await ok('tenants.adopt', { schema: seed.orphan, name: 'Huérfano', values: { region: 'eu' } });
    const states = await ok<{ tenants: { status: string }[] }>('tenants.list', {});
    expect(states.tenants.filter((t) => t.status === 'missing' || t.status === 'orphan')).toEqual([]);
  });

  it('drops only with the typed name, on production also the database name, after a fresh backup', async () => {
    const schema = seed.schemas[1];
    const before = await snapshot();
    expect(await fails('tenants.drop', { schema, confirm: 'tenant_other' })).toBe('CONFIRMATION_REQUIRED');
    const prod = await core.profiles.add({
      ...fleet.db.settings,
      name: 'prod',
      environment: 'production',
      projectDir: sampleProjectDir(),
    });
    const onProd = await core.api.call('tenants.drop', { profileId: prod.id, schema, confirm: schema });
    expect(onProd).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(await snapshot()).toEqual(before);

    const dropped = await ok<{ backupId: string | null; droppedSchema: boolean; removedRegistryRow: boolean }>(
      'tenants.drop',
      { schema, confirm: schema },
    );
    expect(dropped).toMatchObject({ droppedSchema: true, removedRegistryRow: true });
    expect(dropped.backupId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    const after = await snapshot();
    expect(after.schemas).not.toContain(schema);
    expect(after.registry).toBe(before.registry - 1);
    expect(after.domains).toBe(before.domains - 1);
    const audit = await core.audit.readAll();
    const results = audit
      .filter((a) => a.action === 'tenants.drop')
      .map((a) => a.result as string)
      .filter((r) => r !== 'intent');
    expect(results).toEqual(['refused', 'refused', 'ok']);
    expect(await fails('tenants.drop', { schema, confirm: schema })).toBe('TENANT_NOT_FOUND');
  });

  it('clones a tenant under a new name and moves one to another profile, keeping the source', async () => {
    const source = seed.schemas[2];
    const started = await ok<{ jobId: string }>('tenants.clone', { schema: source, as: 'tenant_clone_copy' });
    const cloned = await core.jobs.wait(started.jobId);
    expect(cloned.error?.message).toBeUndefined();
    expect(cloned.state).toBe('succeeded');
    const count = async (c: pg.Client, schema: string) =>
      (await c.query(`SELECT count(*)::int AS n FROM "${schema}".evaluations_student`)).rows[0].n;
    expect(await count(client, 'tenant_clone_copy')).toBe(await count(client, source));
    expect(
      (await client.query(`SELECT name FROM public.customers_client WHERE schema_name = 'tenant_clone_copy'`)).rows[0]
        .name,
    ).toMatch(/\(copy\)$/);
    expect(await fails('tenants.clone', { schema: source, as: 'Bad Name' })).toBe('INVALID_IDENTIFIER');

    const other = await createTestDatabase();
    try {
      const otherClient = await other.client();
      await seedDemo(otherClient, { tenants: 1, studentsPerTenant: 1, projectDir: sampleProjectDir() });
      const dest = await core.profiles.add({ ...other.settings, name: 'other-server', projectDir: sampleProjectDir() });
      const moving = await ok<{ jobId: string }>('tenants.move', { schema: source, toProfileId: dest.id });
      const moved = await core.jobs.wait(moving.jobId);
      expect(moved.error).toBeUndefined();
      expect(await count(otherClient, source)).toBe(await count(client, source));
      const there = await otherClient.query(
        `SELECT c.name, d.domain FROM public.customers_client c LEFT JOIN public.customers_domain d ON d.tenant_id = c.id WHERE c.schema_name = $1`,
        [source],
      );
      expect(there.rows).toHaveLength(1);
      expect(
        (await client.query('SELECT is_active FROM public.customers_client WHERE schema_name = $1', [source])).rows[0]
          .is_active,
      ).toBe(false);
    } finally {
      await other.drop();
    }
  }, 60_000);
});
