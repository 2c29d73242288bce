import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissingPrivilege, PrivilegesView } from '../../../shared/model/fleet';
import { serverUrl } from '../../../../test/pg-harness';
import { fleetFixture, type FleetFixture } from './fleet-fixture.test-helper';
import { checkPrivileges } from '../domain/privileges';

let f: FleetFixture;
const role = `tenantry_weak_${randomBytes(4).toString('hex')}`;
let weakProfileId: string;
let locked: string;

async function weakCall(method: string, input: Record<string, unknown>) {
  return f.core.api.call(method, { profileId: weakProfileId, ...input });
}

async function ledgerTables(): Promise<number> {
  const { rows } = await f.sql.query(
    `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'tenantry_migrations' AND table_schema LIKE 'tenant\\_%'`,
  );
  return rows[0].n;
}

beforeAll(async () => {
  f = await fleetFixture(6, { prefix: 'tenantry_priv' });
  locked = f.seed.schemas[3];
  const others = f.seed.schemas.filter((s) => s !== locked);
  await f.sql.query(`DROP TABLE ${f.seed.schemas.map((s) => `"${s}".tenantry_migrations`).join(', ')}`);
  await f.sql.query(
    `CREATE ROLE ${role} LOGIN; GRANT CONNECT ON DATABASE "${f.db.name}" TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`,
  );
  await f.sql.query(others.map((s) => `GRANT USAGE, CREATE ON SCHEMA "${s}" TO ${role}`).join('; '));
  await f.sql.query(
    `GRANT USAGE ON SCHEMA "${locked}" TO ${role}; GRANT SELECT ON "${locked}".clases_group TO ${role}`,
  );
  // Seed 001's RLS by role: one table whose rows the weak role sees only partly.
  await f.sql.query(
    `ALTER TABLE "${others[0]}".clases_group ENABLE ROW LEVEL SECURITY; CREATE POLICY only_first ON "${others[0]}".clases_group FOR SELECT TO ${role} USING (id = 1)`,
  );
  const profile = f.core.profiles.get(f.profileId);
  weakProfileId = (
    await f.core.profiles.add({ ...profile, id: undefined, name: `${profile.name}-weak`, user: role } as never)
  ).id;
}, 120_000);

afterAll(async () => {
  await f?.close();
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${role}`);
  await admin.end();
});

describe('privilege preflight', () => {
  it('refuses a baseline for a role lacking rights on one schema, before touching anything', async () => {
    const before = await ledgerTables();
    const env = await weakCall('fleet.baseline', { to: '0006' });
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('INSUFFICIENT_PRIVILEGE');
    expect(env.error.message).toContain(`${locked}: ownership of, or USAGE and CREATE on, schema ${locked}`);
    expect(env.error.message).not.toContain(f.seed.schemas[0]);
    expect(await ledgerTables()).toBe(before);
  });

  it('names exactly what is missing per schema, in one query', async () => {
    const env = await weakCall('fleet.checkPrivileges', {
      schemas: [locked, f.seed.schemas[0]],
      needs: ['select-all', 'createdb', 'create-schema', 'advisory-lock'],
    });
    if (!env.ok) throw new Error(env.error.message);
    const { missing } = env.data as { missing: MissingPrivilege[] };
    const whats = missing.map((m) => `${m.schema ?? 'db'} ${m.need} ${m.what}`);
    expect(whats).toContain(`db createdb the CREATEDB attribute on role ${role}`);
    expect(whats).toContain(`db create-schema CREATE on database ${f.db.name}`);
    expect(whats).toContain(`${locked} select-all SELECT on table evaluations_student`);
    expect(whats).toContain(`${locked} select-all SELECT on sequence clases_group_id_seq`);
    expect(whats).not.toContain(`${locked} select-all SELECT on table clases_group`);
    expect(missing.some((m) => m.need === 'advisory-lock')).toBe(false);
    // The superuser lacks nothing.
    expect(
      (
        await f.data<{ missing: MissingPrivilege[] }>('fleet.checkPrivileges', {
          schemas: [locked],
          needs: ['select-all', 'createdb', 'create-schema', 'own-or-create-in-schema', 'advisory-lock'],
        })
      ).missing,
    ).toEqual([]);
  });

  it('checkPrivileges throws INSUFFICIENT_PRIVILEGE for callers in other areas', async () => {
    const url = new URL(f.db.url);
    url.username = role;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await expect(
        checkPrivileges(client, { schemas: [locked], needs: ['own-or-create-in-schema'] }, 'Migrate'),
      ).rejects.toMatchObject({ code: 'INSUFFICIENT_PRIVILEGE', tenant: locked });
      await expect(
        checkPrivileges(client, { schemas: [f.seed.schemas[0]], needs: ['own-or-create-in-schema'] }),
      ).resolves.toBeUndefined();
    } finally {
      await client.end();
    }
  });
});

describe('privileges view', () => {
  it('shows roles × schemas grants and RLS policies per table', async () => {
    const view = await f.data<PrivilegesView>('fleet.privileges', {});
    expect(view.roles.map((r) => r.name)).toContain(role);
    const lockedRow = view.schemas.find((s) => s.schema === locked)!;
    expect(lockedRow.grants.find((g) => g.role === role)).toEqual({ role, usage: true, create: false });
    expect(view.schemas.find((s) => s.schema === f.seed.schemas[0])!.grants.find((g) => g.role === role)).toEqual({
      role,
      usage: true,
      create: true,
    });
    expect(view.rls).toEqual([
      {
        schema: f.seed.schemas[0],
        table: 'clases_group',
        enabled: true,
        forced: false,
        policies: [
          { name: 'only_first', command: 'SELECT', permissive: true, roles: [role], using: '(id = 1)', check: null },
        ],
      },
    ]);
  });
});
