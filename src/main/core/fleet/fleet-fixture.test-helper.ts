import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { Envelope, ErrorData } from '../../../shared/errors';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';

export interface FleetFixture {
  db: TestDatabase;
  sql: pg.Client;
  core: Core;
  seed: SeedSummary;
  profileId: string;
  /** A copy of the sample project that tests may add files to. */
  projectDir: string;
  home: string;
  /** The envelope of a call. */
  call(method: string, input: Record<string, unknown>): Promise<Envelope<unknown>>;
  /** The data of a call; throws the envelope's error otherwise. */
  data<T>(method: string, input: Record<string, unknown>): Promise<T>;
  /** The error of a call that must fail. */
  error(method: string, input: Record<string, unknown>): Promise<ErrorData>;
  /** Starts a job call and returns the job's result. */
  job<T>(method: string, input: Record<string, unknown>): Promise<T>;
  addProjectFile(relative: string, text: string): void;
  close(): Promise<void>;
}

/** A seeded demo fleet in a throw-away database, with a core and a profile on a project copy. */
export async function fleetFixture(
  tenants: number,
  opts: { students?: number; prefix?: string } = {},
): Promise<FleetFixture> {
  const db = await createTestDatabase(opts.prefix ?? 'tenantry_fleet');
  const home = tempHome();
  const projectDir = mkdtempSync(path.join(tmpdir(), 'tenantry-fleet-project-'));
  cpSync(sampleProjectDir(), projectDir, { recursive: true });
  const sql = await db.client();
  const seed = await seedDemo(sql, { tenants, studentsPerTenant: opts.students ?? 5, projectDir: sampleProjectDir() });
  const core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  const profile = await core.profiles.add({ ...db.settings, projectDir });
  const call = (method: string, input: Record<string, unknown>) =>
    core.api.call(method, { profileId: profile.id, ...input });
  const data = async <T>(method: string, input: Record<string, unknown>): Promise<T> => {
    const env = await call(method, input);
    if (!env.ok) throw Object.assign(new Error(`${env.error.code}: ${env.error.message}`), env.error);
    return env.data as T;
  };
  return {
    db,
    sql,
    core,
    seed,
    profileId: profile.id,
    projectDir,
    home: home.dir,
    call,
    data,
    async error(method, input) {
      const env = await call(method, input);
      if (env.ok) throw new Error(`${method} succeeded but was expected to fail`);
      return env.error;
    },
    async job<T>(method: string, input: Record<string, unknown>): Promise<T> {
      const { jobId } = await data<{ jobId: string }>(method, input);
      const summary = await core.jobs.wait(jobId);
      if (summary.state !== 'succeeded')
        throw Object.assign(new Error(summary.error?.message ?? summary.state), summary.error ?? {});
      return summary.result as T;
    },
    addProjectFile(relative, text) {
      writeFileSync(path.join(projectDir, relative), text);
    },
    async close() {
      await core.close();
      await db.drop();
      home.cleanup();
      rmSync(projectDir, { recursive: true, force: true });
    },
  };
}
