import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileStore } from './profile-store';

const dirs: string[] = [];
function home(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-profiles-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const base = {
  name: 'staging',
  environment: 'staging' as const,
  host: 'db.example.org',
  port: 5432,
  database: 'app',
  user: 'admin',
  sslmode: 'require' as const,
  readOnly: false,
  registry: 'auto',
  keepAsideAfterRestore: false,
};

describe('ProfileStore', () => {
  it('saves profiles as JSON that survives a reopen, without any password', async () => {
    const dir = home();
    const store = await ProfileStore.open(dir);
    const added = await store.add(base);
    const reopened = await ProfileStore.open(dir);
    expect(reopened.get(added.id)).toMatchObject({ name: 'staging', host: 'db.example.org' });
    expect(readFileSync(path.join(dir, 'profiles.json'), 'utf8')).not.toMatch(/password/i);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a name already used with PROFILE_EXISTS', async () => {
    const store = await ProfileStore.open(home());
    await store.add(base);
    await expect(store.add(base)).rejects.toMatchObject({ code: 'PROFILE_EXISTS', field: 'name' });
  });

  it('keeps a corrupt profiles file aside, starts empty, and says which file', async () => {
    const dir = home();
    writeFileSync(path.join(dir, 'profiles.json'), '{ "version": 1, "profiles": [ broken');
    const store = await ProfileStore.open(dir);
    expect(store.list()).toEqual([]);
    expect(store.notices[0]).toMatchObject({ code: 'PROFILES_FILE_CORRUPT' });
    expect(store.notices[0].message).toContain(path.join(dir, 'profiles.json'));
    const kept = readdirSync(dir).find((f) => f.startsWith('profiles.json.corrupt-'))!;
    expect(readFileSync(path.join(dir, kept), 'utf8')).toContain('broken');
  });
});
