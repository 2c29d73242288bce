import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../../../../test/cli-helpers';
import { openDemoFleet, type DemoFleet } from '../../../../test/demo-fleet';
import type { BackupEntry } from '../../../shared/model/backups';
import { runJob } from './backup-test-kit';
import { Catalogs, profileKey } from './catalog';

let fleet: DemoFleet;
let profileName: string;

beforeAll(async () => {
  fleet = await openDemoFleet({ tenants: 4, students: 10 });
  profileName = fleet.core.profiles.get(fleet.profileId).name;
});

afterAll(async () => {
  await fleet?.close();
});

describe('backups taken side by side by separate processes', () => {
  it('10 CLI backups and one in this process all land in the catalog, and each restores by its id', async () => {
    const schemas = fleet.seed.schemas.slice(0, 4);
    const runs = Array.from({ length: 10 }, (_, i) =>
      runCliAsync(['--profile', profileName, '--json', 'backup', '--tenant', schemas[i % schemas.length]], {
        home: fleet.home,
      }),
    );
    const here = runJob<BackupEntry>(fleet.core, 'backups.create', {
      profileId: fleet.profileId,
      scope: 'tenant',
      schemas: [schemas[0]],
    });
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const ids = [...results.map((r) => r.json<{ id: string }>().data.id), (await here).id];
    expect(new Set(ids).size).toBe(11);

    const catalog = await new Catalogs(fleet.home).read(profileKey(fleet.core.profiles.get(fleet.profileId), false));
    expect(catalog.backups.map((b) => b.id).sort()).toEqual([...ids].sort());

    for (const id of ids) {
      const restored = await runCliAsync(['--profile', profileName, '--json', '--yes', 'restore', id], {
        home: fleet.home,
      }).done;
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.json<{ backupId: string }>().data.backupId).toBe(id);
    }
  });
});
