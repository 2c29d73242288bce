import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase();
  home = tempHome();
});
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

describe('tenantry CLI', () => {
  it('seeds the demo fleet with sandbox --seed-only and tests it through --url', () => {
    const seeded = runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '5', '--students', '10', '--json'], {
      home: home.dir,
    });
    expect(seeded.code).toBe(0);
    expect(seeded.json()).toMatchObject({ ok: true, data: { tenants: 5 } });
    const tested = runCli(['profiles', 'test', '--url', db.url, '--json'], { home: home.dir });
    expect(tested.code).toBe(0);
    expect(tested.json()).toMatchObject({ ok: true, data: { registry: { kind: 'django-tenants', tenantCount: 6 } } });
  });

  it('adds, lists and tests a saved profile; a duplicate name is bad usage (exit 2)', () => {
    const added = runCli(['profiles', 'add', 'ci', '--uri', db.url, '--environment', 'staging', '--json'], {
      home: home.dir,
    });
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ ok: true, data: { name: 'ci', environment: 'staging', database: db.name } });
    const dup = runCli(['profiles', 'add', 'ci', '--uri', db.url, '--json'], { home: home.dir });
    expect(dup.code).toBe(2);
    expect(dup.json()).toMatchObject({ ok: false, error: { code: 'PROFILE_EXISTS' } });
    expect(dup.stderr).toContain('error PROFILE_EXISTS:');
    expect(dup.stderr).toContain('hint:');
    expect(runCli(['profiles', 'list'], { home: home.dir }).stdout).toMatch(/ci\s+staging/);
    expect(runCli(['--profile', 'ci', 'profiles', 'test'], { home: home.dir }).stdout).toContain('django-tenants');
  });

  it('reads a password from stdin, never from argv, and keeps it out of profiles.json', () => {
    const added = runCli(['profiles', 'add', 'with-secret', '--uri', db.url, '--password-stdin', '--json'], {
      home: home.dir,
      input: 'stdin-secret\n',
    });
    expect(added.code).toBe(0);
    expect(added.stdout).not.toContain('stdin-secret');
    expect(runCli(['profiles', 'export', '--json'], { home: home.dir }).stdout).not.toContain('stdin-secret');
  });

  it('exits 1 with CONNECTION_FAILED when the server is unreachable, with one JSON document', () => {
    const run = runCli(['profiles', 'test', '--url', 'postgres://postgres@127.0.0.1:1/none', '--json'], {
      home: home.dir,
    });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'CONNECTION_FAILED' } });
  });

  it('exits 2 for bad usage, with the envelope under --json', () => {
    const unknown = runCli(['profiles', 'frobnicate', '--json'], { home: home.dir });
    expect(unknown.code).toBe(2);
    const noTarget = runCli(['profiles', 'test', '--json'], { home: home.dir });
    expect(noTarget.code).toBe(2);
    expect(noTarget.json()).toMatchObject({ ok: false, error: { code: 'NO_CONNECTION' } });
  });
});
