import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationPlan, MigrationRun, MigrationStatus, SeedResult } from '../../../shared/model/migrations';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleDomainsDir } from '../app-root';
import { createCore, type Core } from '../create-core';

const ORDER = ['public', 'auth', 'users', 'organizations', 'academic', 'plans', 'chat', 'analytics', 'files'];

let db: TestDatabase;
let client: pg.Client;
let home: ReturnType<typeof tempHome>;
let project: string;
let core: Core;
let profileId: string;

async function call<T>(method: string, input: Record<string, unknown>): Promise<T> {
  const env = await core.api.call(method, { profileId, ...input });
  if (!env.ok) throw Object.assign(new Error(env.error.message), env.error);
  return env.data as T;
}
async function run(method: string, input: Record<string, unknown>): Promise<MigrationRun> {
  const { jobId } = await call<{ jobId: string }>(method, input);
  const summary = await core.jobs.wait(jobId);
  if (!summary.result) throw Object.assign(new Error(summary.error?.message ?? 'no result'), summary.error ?? {});
  return summary.result as MigrationRun;
}
const status = () => call<MigrationStatus>('migrations.status', {});
const row = (s: MigrationStatus, schema: string) => s.tenants.find((t) => t.schema === schema)!;
const schemaExists = async (name: string) =>
  (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name])).rowCount === 1;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_named');
  client = await db.client();
  home = tempHome();
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-domains-'));
  cpSync(sampleDomainsDir(), project, { recursive: true });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profileId = (await core.profiles.add({ ...db.settings, projectDir: project })).id;
});
afterAll(async () => {
  await core.close();
  await db.drop();
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

describe('named schemas (the domains sample: eight schemas beside public)', () => {
  it('status on an empty database: public and each named schema as its own row, everything pending, no tenant', async () => {
    const s = await status();
    expect(s.tenants.map((t) => t.schema)).toEqual(ORDER);
    expect(s.tenants.filter((t) => t.named).map((t) => t.schema)).toEqual(ORDER.slice(1));
    expect(row(s, 'auth').pending).toEqual(['0001_accounts', '0002_password_resets']);
    expect(s.counts.tenants).toBe(0);
    expect(s.orphans).toEqual([]);
  });

  it('a dry run from empty executes every file and leaves no schema behind', async () => {
    const dry = await run('migrations.apply', { dryRun: true });
    expect(dry.failed).toEqual([]);
    expect(dry.results.map((r) => r.schema)).toEqual(ORDER);
    expect(dry.results.every((r) => r.state === 'dry-run-ok')).toBe(true);
    expect(await schemaExists('auth')).toBe(false);
  });

  it('--schemas auth migrates only public and auth', async () => {
    const plan = await call<MigrationPlan>('migrations.plan', { schemas: ['auth'] });
    expect(plan.schemas.map((p) => p.schema)).toEqual(['public', 'auth']);
    expect(plan.files.find((f) => f.scope === 'named')).toMatchObject({ schema: 'auth', name: '0001_accounts' });
    const result = await run('migrations.apply', { schemas: ['auth'] });
    expect(result.results.map((r) => [r.schema, r.state])).toEqual([
      ['public', 'applied'],
      ['auth', 'applied'],
    ]);
    expect(await schemaExists('auth')).toBe(true);
    expect(await schemaExists('users')).toBe(false);
    await expect(call('migrations.plan', { schemas: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('migrates the rest from empty in the listed order, with foreign keys across schemas', async () => {
    const result = await run('migrations.apply', {});
    expect(result.failed).toEqual([]);
    expect(result.results.map((r) => r.schema)).toEqual(ORDER.slice(2));
    expect(result.results.every((r) => r.named && r.state === 'applied')).toBe(true);
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_constraint c JOIN pg_class a ON a.oid = c.conrelid JOIN pg_class b ON b.oid = c.confrelid
        WHERE c.contype = 'f' AND a.relnamespace <> b.relnamespace`,
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(15);
    const tables = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = ANY($1) AND tablename <> 'tenantry_migrations'`,
      [ORDER],
    );
    expect(tables.rows[0].n).toBe(25);
    const ledger = await client.query('SELECT name FROM chat.tenantry_migrations');
    expect(ledger.rows.map((r) => r.name)).toEqual(['0001_sessions']);
    const s = await status();
    expect(s.tenants.every((t) => t.pending.length === 0)).toBe(true);
  });

  it('seeds named schemas only on request, in apply order, idempotently and audited; production needs the confirmation', async () => {
    expect((await client.query('SELECT count(*)::int AS n FROM auth.roles')).rows[0].n).toBe(0);
    const seeded = await call<SeedResult>('migrations.seed', {});
    expect(seeded.failed).toEqual([]);
    expect(seeded.schemas.map((r) => r.schema)).toEqual(['auth', 'users', 'organizations', 'academic', 'plans']);
    const again = await call<SeedResult>('migrations.seed', { schemas: ['users', 'auth'] });
    expect(again.schemas.map((r) => [r.schema, r.state])).toEqual([
      ['auth', 'applied'],
      ['users', 'applied'],
    ]);
    expect((await client.query('SELECT count(*)::int AS n FROM auth.roles')).rows[0].n).toBe(4);
    expect((await client.query('SELECT count(*)::int AS n FROM users.profiles')).rows[0].n).toBe(3);
    expect((await client.query('SELECT count(*)::int AS n FROM plans.reinforcement_plans')).rows[0].n).toBe(1);
    await expect(call('migrations.seed', { schemas: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const audit = await core.audit.readAll();
    expect(audit.filter((a) => a.action === 'migrations.seed').map((a) => a.result)).toEqual([
      'intent',
      'ok',
      'intent',
      'ok',
    ]);
    const production = (
      await core.profiles.add({
        ...db.settings,
        name: 'named-production',
        environment: 'production',
        projectDir: project,
      })
    ).id;
    const refused = await core.api.call('migrations.seed', { profileId: production });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    const confirmed = await core.api.call('migrations.seed', {
      profileId: production,
      schemas: ['auth'],
      confirmDatabase: db.name,
    });
    expect(confirmed.ok).toBe(true);
  });

  it('rolls back one schema against its own files, leaving the others alone', async () => {
    const back = await run('migrations.rollback', { name: '0002', tenants: ['academic'] });
    expect(back.results).toMatchObject([
      { schema: 'academic', named: true, state: 'rolled-back', done: ['0002_grades'] },
    ]);
    expect((await client.query(`SELECT to_regclass('academic.grades') AS t`)).rows[0].t).toBeNull();
    const s = await status();
    expect(row(s, 'academic').pending).toEqual(['0002_grades']);
    expect(row(s, 'users').applied).toEqual(['0001_profiles', '0002_guardians']);
    expect(s.tenants.filter((t) => t.pending.length).map((t) => t.schema)).toEqual(['academic']);
  });

  it('a staged rollout runs the named schemas before the first wave, never inside a wave', async () => {
    writeFileSync(
      path.join(project, 'migrations', 'files', '0002_checksums.sql'),
      'ALTER TABLE files ADD COLUMN sha256 text;\n',
    );
    const staged = await run('migrations.apply', { canary: 1 });
    expect(staged.results.find((r) => r.schema === 'files')).toMatchObject({
      named: true,
      state: 'applied',
      done: ['0002_checksums'],
    });
    expect((staged.waves ?? []).flatMap((w) => w.tenants)).not.toContain('files');
  });

  it("a failing file rolls back its schema's segment and stops the schemas after it", async () => {
    writeFileSync(
      path.join(project, 'migrations', 'academic', '0003_broken.sql'),
      'CREATE TABLE academic_notes (id int);\nSELECT * FROM no_such_table;\n',
    );
    writeFileSync(
      path.join(project, 'migrations', 'chat', '0002_reactions.sql'),
      'CREATE TABLE reactions (message_id bigint REFERENCES messages (id), emoji text);\n',
    );
    const result = await run('migrations.apply', {});
    const byName = new Map(result.results.map((r) => [r.schema, r]));
    expect(byName.get('academic')).toMatchObject({
      state: 'failed',
      failedMigration: '0003_broken',
      error: { code: 'MIGRATION_FAILED', sqlstate: '42P01' },
    });
    expect(byName.get('chat')?.state).toBe('skipped');
    expect(result.failed).toEqual(['academic']);
    // 0002 and 0003 ran in one transaction: neither the re-applied grades nor the notes table survived.
    expect((await client.query(`SELECT to_regclass('academic.academic_notes') AS t`)).rows[0].t).toBeNull();
    expect((await client.query(`SELECT to_regclass('chat.reactions') AS t`)).rows[0].t).toBeNull();
    const s = await status();
    expect(row(s, 'academic').failed).toEqual(['0003_broken']);
    expect(row(s, 'chat').pending).toEqual(['0002_reactions']);
  });
});
