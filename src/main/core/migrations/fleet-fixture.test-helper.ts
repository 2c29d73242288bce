import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { MigrationRun } from '../../../shared/model/migrations';

/** A copy of the sample project that a test may add files to. */
export function tempProject(): {
  dir: string;
  add(scope: 'tenant' | 'shared', file: string, sql: string): void;
  cleanup(): void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-project-'));
  cpSync(sampleProjectDir(), dir, { recursive: true });
  return {
    dir,
    add: (scope, file, sql) => writeFileSync(path.join(dir, 'migrations', scope, file), sql),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface MigrationFleet {
  db: TestDatabase;
  core: Core;
  seed: SeedSummary;
  profileId: string;
  project: ReturnType<typeof tempProject>;
  home: { dir: string; cleanup(): void };
  call<T>(method: string, input: unknown): Promise<T>;
  run(input: Record<string, unknown>, method?: string): Promise<MigrationRun>;
  close(): Promise<void>;
}

/** A seeded demo fleet in a throw-away database, with a core and a profile on a temp project copy. */
export async function migrationFleet(
  tenants: number,
  students = 5,
  profileExtra: Record<string, unknown> = {},
): Promise<MigrationFleet> {
  const db = await createTestDatabase('tenantry_mig');
  const home = tempHome();
  const project = tempProject();
  const client = await db.client();
  const seed = await seedDemo(client, { tenants, studentsPerTenant: students, projectDir: sampleProjectDir() });
  const core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  const profile = await core.profiles.add({ ...db.settings, projectDir: project.dir, ...profileExtra });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const env = await core.api.call(method, input);
    if (!env.ok) throw Object.assign(new Error(env.error.message), env.error);
    return env.data as T;
  };
  return {
    db,
    core,
    seed,
    profileId: profile.id,
    project,
    home,
    call,
    async run(input, method = 'migrations.apply') {
      const { jobId } = await call<{ jobId: string }>(method, { profileId: profile.id, ...input });
      const summary = await core.jobs.wait(jobId);
      if (!summary.result) throw Object.assign(new Error(summary.error?.message ?? 'no result'), summary.error ?? {});
      return summary.result as MigrationRun;
    },
    async close() {
      await core.close();
      await db.drop();
      project.cleanup();
      home.cleanup();
    },
  };
}

/** The error code an api call failed with. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'NO_ERROR';
}
