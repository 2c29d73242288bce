import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo } from '../sandbox/seed-demo';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let core: Core;
let profileId: string;
const role = `tenantry_noprivs_${process.pid}`;

beforeAll(async () => {
  db = await createTestDatabase();
  const c = await db.client();
  await seedDemo(c, { tenants: 3, studentsPerTenant: 5, projectDir: sampleProjectDir() });
  await c.query(`CREATE ROLE ${role} LOGIN`);
  await c.query(`GRANT CONNECT ON DATABASE "${db.name}" TO ${role}`);
  await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
  home = tempHome();
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null });
  profileId = (await core.profiles.add({ ...db.settings, user: role, projectDir: sampleProjectDir() })).id;
});

afterAll(async () => {
  await core.close();
  await db.drop();
  const admin = await createTestDatabase('tenantry_cleanup');
  await (await admin.client()).query(`DROP ROLE IF EXISTS ${role}`);
  await admin.drop();
  home.cleanup();
});

describe("tenant changes check the role's rights first", () => {
  it('refuses to create a tenant with INSUFFICIENT_PRIVILEGE before creating anything', async () => {
    const reply = await core.api.call('tenants.create', {
      profileId,
      name: 'Colegio Sin Permisos',
      schema: 'tenant_sin_permisos_0001',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_PRIVILEGE' } });
    const c = await db.client();
    expect((await c.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'tenant_sin_permisos_0001'`)).rowCount).toBe(0);
  });
});
