import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../../../test/cli-helpers';
import { tempHome } from '../../../../test/pg-harness';
import type { ProfileView } from '../../../shared/model/profile';
import { createCore, type Core } from '../create-core';

let home: { dir: string; cleanup(): void };
let core: Core;

beforeAll(async () => {
  home = tempHome();
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null });
});

afterAll(async () => {
  await core?.close();
  home?.cleanup();
});

const settings = (name: string) => ({
  name,
  environment: 'local' as const,
  host: '127.0.0.1',
  port: 5432,
  database: 'app',
  user: 'postgres',
  sslmode: 'disable' as const,
  readOnly: false,
  registry: 'auto',
  keepAsideAfterRestore: false,
});

describe('profiles.json written by several processes at once', () => {
  it('8 `profiles add` processes and 2 adds in this process: every profile is kept', async () => {
    const runs = Array.from({ length: 8 }, (_, i) =>
      runCliAsync(['--json', 'profiles', 'add', `side-${i}`, '--uri', `postgres://postgres@127.0.0.1:5432/app${i}`], {
        home: home.dir,
      }),
    );
    const here = [core.profiles.add(settings('here-a')), core.profiles.add(settings('here-b'))];
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    await Promise.all(here);

    const listed = runCli(['--json', 'profiles', 'list'], { home: home.dir });
    expect(listed.code, listed.stderr).toBe(0);
    const list = listed.json<ProfileView[]>().data;
    expect(list.map((p) => p.name).sort()).toEqual(
      ['here-a', 'here-b', ...Array.from({ length: 8 }, (_, i) => `side-${i}`)].sort(),
    );
    // This process sees what the others wrote, without a restart.
    expect(core.profiles.list().map((p) => p.name)).toHaveLength(10);
  });

  it('a name taken by another process is refused, not duplicated', async () => {
    const again = runCli(['--json', 'profiles', 'add', 'here-a', '--uri', 'postgres://postgres@127.0.0.1:5432/x'], {
      home: home.dir,
    });
    expect(again.code).toBe(2);
    expect(again.json().error.code).toBe('PROFILE_EXISTS');
    await expect(core.profiles.add(settings('side-3'))).rejects.toMatchObject({ code: 'PROFILE_EXISTS' });
  });
});
