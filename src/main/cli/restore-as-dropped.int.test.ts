import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';
import { sampleProjectDir } from '../core/app-root';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let client: pg.Client;
const cli = (args: string[]) => runCli(['--url', db.url, '--project', sampleProjectDir(), ...args], { home: home.dir });
const students = async (schema: string) =>
  (await client.query(`SELECT count(*)::int AS n FROM ${schema}.evaluations_student`)).rows[0].n as number;

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_restore_as');
  home = tempHome();
  expect(
    runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '3', '--students', '4'], { home: home.dir }).code,
  ).toBe(0);
  client = await db.client();
}, 180_000);
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

async function activeTenant(i: number): Promise<string> {
  const list = cli(['tenants', 'list', '--json']).json<{
    tenants: { schema: string; status: string; shared?: boolean }[];
  }>().data.tenants;
  return list.filter((t) => t.status === 'active' && !t.shared)[i].schema;
}

describe('restore after a drop', () => {
  it('restore ID --as <its own name> brings a dropped tenant back (no "schema already exists")', async () => {
    const schema = await activeTenant(0);
    const before = await students(schema);
    const dropped = cli(['tenants', 'drop', schema, '--confirm', schema, '--yes', '--json']);
    expect(dropped.code).toBe(0);
    const backupId = dropped.json<{ backupId: string }>().data.backupId;
    expect(backupId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect((await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount).toBe(0);

    const restored = cli(['restore', backupId, '--as', schema, '--yes', '--json']);
    expect(restored.stderr).not.toMatch(/already exists/);
    expect(restored.code).toBe(0);
    expect(restored.json()).toMatchObject({ ok: true, data: { targetSchema: schema, mode: 'create' } });
    expect(await students(schema)).toBe(before);

    // Now that it exists again, --as its name is refused as before: nothing is replaced in silence.
    const again = cli(['restore', backupId, '--as', schema, '--yes', '--json']);
    expect(again.code).toBe(2);
    expect(again.json()).toMatchObject({ ok: false, error: { code: 'SCHEMA_EXISTS' } });
  });

  it('a pg_restore failure reports pg_restore own words, without a password-file warning first', async () => {
    const schema = await activeTenant(0);
    // The dump names its owner role; once that role is gone, pg_restore fails on ALTER … OWNER.
    await client.query(`CREATE ROLE tenantry_gone_owner; ALTER SCHEMA ${schema} OWNER TO tenantry_gone_owner`);
    const backup = cli(['backup', '--tenant', schema, '--json']);
    expect(backup.code).toBe(0);
    const id = backup.json<{ id: string }>().data.id;
    await client.query(`DROP SCHEMA ${schema} CASCADE; DROP ROLE tenantry_gone_owner`);
    const failed = cli(['restore', id, '--as', schema, '--yes', '--json']);
    expect(failed.code).toBe(1);
    const message = failed.json().error.message;
    expect(message).toMatch(/pg_restore/);
    expect(message).toMatch(/tenantry_gone_owner/);
    expect(message).not.toMatch(/password file/);
    expect(failed.stderr).not.toMatch(/password file/);
  });
});
