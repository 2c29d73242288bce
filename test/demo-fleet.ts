import type pg from 'pg';
import { sampleProjectDir } from '../src/main/core/app-root';
import { createCore, type Core } from '../src/main/core/create-core';
import { seedDemo, type SeedSummary } from '../src/main/core/sandbox/seed-demo';
import type { ProfileSettings } from '../src/shared/model/profile';
import { createTestDatabase, tempHome, type TestDatabase } from './pg-harness';

export interface DemoFleet {
  db: TestDatabase;
  client: pg.Client;
  seed: SeedSummary;
  core: Core;
  profileId: string;
  home: string;
  close(): Promise<void>;
}

/**
 * The demo fleet in a throw-away database, a core in a throw-away data folder, and a profile on
 * it with the sample project: what most integration test files start from.
 */
export async function openDemoFleet(opts: {
  tenants: number;
  students: number;
  profile?: Partial<ProfileSettings>;
}): Promise<DemoFleet> {
  const db = await createTestDatabase();
  const home = tempHome();
  const client = await db.client();
  const seed = await seedDemo(client, {
    tenants: opts.tenants,
    studentsPerTenant: opts.students,
    projectDir: sampleProjectDir(),
  });
  const core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  const profileId = (await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir(), ...opts.profile })).id;
  return {
    db,
    client,
    seed,
    core,
    profileId,
    home: home.dir,
    async close() {
      await core.close();
      await db.drop();
      home.cleanup();
    },
  };
}
