import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationRun, MigrationStatus, SeedResult } from '../../../shared/model/migrations';
import { runCli } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleDomainsDir } from '../../core/app-root';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
const cli = (args: string[]) => runCli(['--url', db.url, '--project', sampleDomainsDir(), ...args], { home: home.dir });

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_named_cli');
  home = tempHome();
}, 180_000);
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

describe('named schemas through the built CLI', () => {
  it('status shows each named schema as its own row; migrate --schemas runs only those (after public)', () => {
    const before = cli(['status', '--json']);
    expect(before.code).toBe(0);
    const rows = before.json<MigrationStatus>().data.tenants;
    expect(rows.filter((r) => r.named).map((r) => r.schema)).toEqual([
      'auth',
      'users',
      'organizations',
      'academic',
      'plans',
      'chat',
      'analytics',
      'files',
    ]);
    expect(cli(['status', '--check']).code).toBe(1);
    const some = cli(['migrate', '--schemas', 'auth,users', '--yes', '--json']);
    expect(some.code, some.stderr).toBe(0);
    expect(some.json<MigrationRun>().data.results.map((r) => r.schema)).toEqual(['public', 'auth', 'users']);
    const human = cli(['status']);
    expect(human.stdout).toMatch(/auth\s+up to date\s+2\/2/);
    expect(human.stdout).toMatch(/chat\s+behind\s+0\/1/);
  });

  it('migrates the rest, seeds on request, backs up one named schema with --schema and restores it', async () => {
    expect(cli(['migrate', '--yes']).code).toBe(0);
    expect(cli(['status', '--check']).code).toBe(0);
    const seeded = cli(['seed', 'auth', 'users', '--json']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.json<SeedResult>().data.schemas.map((s) => s.state)).toEqual(['applied', 'applied']);
    // analytics references users and organizations, and nothing references it: a restore keeps every foreign key.
    const client = await db.client();
    await client.query(`INSERT INTO analytics.events (profile_id, name) SELECT id, 'login' FROM users.profiles`);
    const backup = cli(['backup', '--schema', 'analytics', '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    const taken = backup.json<{ id: string; schemas: string[] }>().data;
    expect(taken.schemas).toEqual(['analytics']);
    await client.query('DELETE FROM analytics.events');
    const restored = cli(['restore', taken.id, '--yes', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect((await client.query('SELECT count(*)::int AS n FROM analytics.events')).rows[0].n).toBe(3);
    const fks = await client.query(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'analytics'::regnamespace`,
    );
    expect(fks.rows[0].n).toBe(2);
  });

  it('refuses to restore over a named schema other schemas reference (exit 3), so no foreign key is dropped', async () => {
    const backup = cli(['backup', '--schema', 'auth', '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    const refused = cli(['restore', backup.json<{ id: string }>().data.id, '--yes', '--json']);
    expect(refused.code).toBe(3);
    expect(refused.json().error).toMatchObject({
      code: 'SCHEMA_REFERENCED',
      message: expect.stringContaining('users.profiles'),
    });
    const client = await db.client();
    const fks = await client.query(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND conrelid = 'users.profiles'::regclass`,
    );
    expect(fks.rows[0].n).toBe(1);
  });

  it('sandbox --seed-only --sample domains migrates and seeds the sample into an empty database', async () => {
    const other = await createTestDatabase('tenantry_named_sample');
    try {
      const seeded = runCli(['sandbox', '--seed-only', '--sample', 'domains', '--url', other.url, '--json'], {
        home: home.dir,
      });
      expect(seeded.code, seeded.stderr).toBe(0);
      expect(seeded.json<{ schemas: string[]; seeded: number }>().data).toMatchObject({
        schemas: ['public', 'auth', 'users', 'organizations', 'academic', 'plans', 'chat', 'analytics', 'files'],
        seeded: 5,
      });
      expect(
        runCli(['--url', other.url, '--project', sampleDomainsDir(), 'status', '--check'], { home: home.dir }).code,
      ).toBe(0);
      const client = await other.client();
      expect((await client.query('SELECT count(*)::int AS n FROM users.profiles')).rows[0].n).toBe(3);
    } finally {
      await other.drop();
    }
  });

  it('verify runs a check scoped to a named schema there, once (its search_path starts with that schema)', async () => {
    const ok = cli(['verify', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const results = ok.json<{ results: { tenant: string; check: string; status: string }[] }>().data.results;
    expect(results.map((r) => [r.check, r.tenant, r.status]).sort()).toEqual([
      ['account_without_profile', 'auth', 'pass'],
      // Only auth and users were seeded: the student has no plan yet, a warning (exit 0).
      ['student_without_plan', 'plans', 'fail'],
    ]);
    const client = await db.client();
    await client.query(`INSERT INTO auth.accounts (email, password_hash) VALUES ('nadie@escuela.example', 'x')`);
    const failing = cli(['verify', 'account_without_profile', '--json']);
    expect(failing.code).toBe(1);
    expect(
      failing.json<{ results: { tenant: string; status: string; count: number }[] }>().data.results[0],
    ).toMatchObject({ tenant: 'auth', status: 'fail', count: 1 });
  });

  it('seed of an unknown schema is bad usage (exit 2)', () => {
    const run = cli(['seed', 'nope', '--json']);
    expect(run.code).toBe(2);
    expect(run.json().error.code).toBe('VALIDATION_FAILED');
  });
});
