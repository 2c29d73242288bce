import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { BackupEntry } from '../../../shared/model/backups';
import { appRoot, sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { runJob } from './backup-test-kit';
import { listJournals } from './journal';
import { countRows } from './manifest';
import { recoverInterruptedRestores } from './recovery';

let db: TestDatabase;
let home: { dir: string; cleanup(): void };
let core: Core;
let client: pg.Client;
let seed: SeedSummary;
let childScript: string;
let backup: BackupEntry;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_bkk');
  home = tempHome();
  client = await db.client();
  seed = await seedDemo(client, { tenants: 3, studentsPerTenant: 50, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  const profile = await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir() });
  backup = await runJob<BackupEntry>(core, 'backups.create', {
    profileId: profile.id,
    scope: 'tenant',
    schemas: [seed.schemas[0]],
  });
  // Inside the repo so the bundle resolves pg and friends from node_modules.
  const outDir = path.join(appRoot(), 'node_modules', '.cache', 'tenantry-test');
  mkdirSync(outDir, { recursive: true });
  childScript = path.join(outDir, `restore-child-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'restore-child.fixture.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    logLevel: 'error',
  });
});

afterAll(async () => {
  await core?.close();
  await db?.drop();
  home?.cleanup();
});

/** Runs the child until it reports it reached `step`, then kills it with SIGKILL. */
function killAt(step: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, home.dir, backup.id, seed.schemas[0], step], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      if (String(d).includes(`AT ${step}`)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended with ${code}: ${err}`)),
    );
  });
}

const tmpSchemas = async () =>
  (await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenantry\\_tmp\\_%'`)).rows;

describe('a restore killed at each step', () => {
  for (const step of ['safety-backup', 'aside', 'restore', 'verify']) {
    it(`is undone at the next start when killed at "${step}"`, async () => {
      const schema = seed.schemas[0];
      await client.query(`INSERT INTO "${schema}".clases_group (name) VALUES ($1)`, [`marker ${step}`]);
      const before = (await countRows(client, [schema])).get(schema)!;
      await killAt(step);
      expect((await listJournals(home.dir)).map((j) => j.step)).toEqual([step]);
      const reports = await recoverInterruptedRestores(core);
      expect(reports.map((r) => r.outcome)).toEqual(['undone']);
      expect((await countRows(client, [schema])).get(schema)).toEqual(before);
      const { rows } = await client.query(`SELECT 1 FROM "${schema}".clases_group WHERE name = $1`, [`marker ${step}`]);
      expect(rows).toHaveLength(1);
      expect(await tmpSchemas()).toEqual([]);
      expect(await listJournals(home.dir)).toEqual([]);
    });
  }

  it('is finished at the next start when killed after verification ("drop-aside")', async () => {
    const schema = seed.schemas[0];
    await killAt('drop-aside');
    const reports = await recoverInterruptedRestores(core);
    expect(reports.map((r) => r.outcome)).toEqual(['finished']);
    expect((await countRows(client, [schema])).get(schema)).toEqual(backup.manifest[0].tables);
    expect(await tmpSchemas()).toEqual([]);
  });
});
