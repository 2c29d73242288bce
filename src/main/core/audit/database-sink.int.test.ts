import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { createCore, type Core } from '../create-core';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let core: Core;

beforeAll(async () => {
  db = await createTestDatabase();
  home = tempHome();
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null });
});
afterAll(async () => {
  await core.close();
  await db.drop();
  home.cleanup();
});

describe('the database copy of the audit log', () => {
  it("is written only for profiles that opt in, through the console's own SQL, never with a secret", async () => {
    const c = await db.client();
    const plain = await core.profiles.add({ ...db.settings, name: 'plain' });
    await core.api.call('profiles.update', { id: plain.id, changes: { registry: 'pattern:tenant_*' } });
    expect((await c.query(`SELECT to_regclass('tenantry.audit_log') AS t`)).rows[0].t).toBeNull();

    const opted = await core.profiles.add({ ...db.settings, name: 'opted-in', auditToDatabase: true });
    await core.api.call('profiles.setPassword', { id: opted.id, password: 'sink-secret' });
    const { rows } = await c.query(`SELECT action, profile, hash, prev FROM tenantry.audit_log ORDER BY at`);
    expect(rows.map((r) => r.action)).toEqual(['profiles.setPassword']);
    expect(rows[0].profile).toBe('opted-in');
    const file = (await core.audit.readAll()).find((l) => l.hash === rows[0].hash);
    expect(file).toMatchObject({ action: 'profiles.setPassword', prev: rows[0].prev });
    expect((await c.query(`SELECT name FROM tenantry.tenantry_migrations`)).rows.map((r) => r.name)).toEqual([
      '0002_audit_log',
    ]);
    expect(JSON.stringify((await c.query('SELECT * FROM tenantry.audit_log')).rows)).not.toContain('sink-secret');
  });
});
