import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';
import { createCore } from '../core/create-core';
import type { Keychain } from '../core/profiles/secret-store';
import { resolveTarget } from './connection-target';

const SECRET = 'url-only-s3cret';
let db: TestDatabase;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_url_secret');
  home = tempHome();
});
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Where a password with the URL goes (the test server trusts every login, so any password connects). */
function urlWithPassword(): string {
  const u = new URL(db.url);
  u.password = SECRET;
  return u.toString();
}

describe('a --url run stores no secret', () => {
  it('keeps the URL password in this process only: nothing in the keychain, nothing in the data folder', async () => {
    const stored = new Map<string, string>();
    const keychain: Keychain = {
      get: async (a) => stored.get(a) ?? null,
      set: async (a, s) => void stored.set(a, s),
      delete: async (a) => void stored.delete(a),
    };
    const core = await createCore({ mode: 'cli', dataDir: home.dir, keychain });
    try {
      const profile = await resolveTarget(core, { url: urlWithPassword() } as never);
      expect(await core.secrets.get(profile.id)).toBe(SECRET);
      const tested = await core.api.call('profiles.test', { id: profile.id });
      expect(tested, JSON.stringify(tested)).toMatchObject({ ok: true });
      expect([...stored.keys()]).toEqual([]);
    } finally {
      await core.close();
    }
    for (const f of filesUnder(home.dir)) expect(readFileSync(f, 'utf8'), f).not.toContain(SECRET);
  });

  it('a whole CLI process with --url leaves the password in no file of the data folder', () => {
    const run = runCli(['profiles', 'test', '--url', urlWithPassword(), '--json'], { home: home.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(SECRET);
    // A backup writes a catalog, a dump, a manifest and audit lines: none of them holds the password.
    const backup = runCli(['backup', '--shared', '--url', urlWithPassword(), '--json'], { home: home.dir });
    expect(backup.code, backup.stderr).toBe(0);
    expect(filesUnder(home.dir).some((f) => f.endsWith('.dump'))).toBe(true);
    for (const f of filesUnder(home.dir)) expect(readFileSync(f, 'utf8'), f).not.toContain(SECRET);
  });
});
