import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';
import { sampleProjectDir } from '../core/app-root';
import { createCore } from '../core/create-core';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
const cli = (args: string[], input?: string) =>
  runCli(['--profile', 'staging-pass', ...args], { home: home.dir, input });

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_migrate_pass');
  home = tempHome();
  expect(
    runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '6', '--students', '3'], { home: home.dir }).code,
  ).toBe(0);
  // The CLI has no flag for backupEncryption: the profile is saved through the core, as the app does.
  const core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null });
  await core.profiles.add({
    ...db.settings,
    name: 'staging-pass',
    environment: 'staging',
    backupBeforeMigrate: true,
    backupEncryption: 'passphrase',
    projectDir: sampleProjectDir(),
  });
  await core.close();
}, 180_000);
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

describe('migrate --passphrase-stdin', () => {
  it('without it, a passphrase-encrypted profile is refused before anything runs (exit 2)', () => {
    const run = cli(['migrate', '--yes', '--json']);
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({
      ok: false,
      error: { code: 'PARAM_INVALID', field: 'passphrase', hint: expect.stringContaining('--passphrase-stdin') },
    });
    expect(cli(['status', '--check', '--json']).code).toBe(1);
  });

  it('with it, the required backup is taken with the passphrase, then the tenants migrate', () => {
    const run = cli(['migrate', '--yes', '--passphrase-stdin', '--json'], 'correct horse\n');
    expect(run.code, run.stderr).toBe(0);
    const backupId = run.json<{ backupId: string }>().data.backupId;
    expect(backupId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(run.stdout).not.toContain('correct horse');
    expect(
      cli(['backups', 'verify', backupId, '--passphrase-stdin', '--json'], 'correct horse\n').json(),
    ).toMatchObject({ ok: true, data: { ok: true } });
    expect(cli(['backups', 'verify', backupId, '--passphrase-stdin', '--json'], 'wrong\n').json()).toMatchObject({
      ok: true,
      data: { ok: false },
    });
  });
});
