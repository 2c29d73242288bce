import { mkdtempSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import {
  sandboxClusterDir,
  startEmbeddedCluster,
  SANDBOX_PASSWORD,
  type EmbeddedCluster,
} from '../sandbox/embedded-cluster';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { countRows } from './manifest';
import { takeBackup } from './take-backup';

// A throw-away cluster whose lock table is far smaller than the fleet's table count: what a
// 10,000-tenant database is to a default server (60,000 tables, ~6,400 lock slots).
const TENANTS = 120;
let cluster: EmbeddedCluster;
let clusterHome: string;
let home: { dir: string; cleanup(): void };
let core: Core;
let client: pg.Client;
let seed: SeedSummary;

beforeAll(async () => {
  clusterHome = mkdtempSync(path.join(tmpdir(), 'tenantry-locks-'));
  cluster = await startEmbeddedCluster({
    dataDir: sandboxClusterDir(clusterHome),
    settings: { max_connections: 20, max_locks_per_transaction: 10 },
  });
  client = new pg.Client({
    host: '127.0.0.1',
    port: cluster.port,
    user: 'postgres',
    password: SANDBOX_PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  seed = await seedDemo(client, { tenants: TENANTS, studentsPerTenant: 3, projectDir: sampleProjectDir() });
  home = tempHome();
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null });
}, 240_000);

afterAll(async () => {
  await client?.end().catch(() => undefined);
  await core?.close();
  await cluster?.stop();
  await fs.rm(sandboxClusterDir(clusterHome), { recursive: true, force: true });
  await fs.rm(clusterHome, { recursive: true, force: true });
  home?.cleanup();
});

describe('a fleet backup larger than the lock table', () => {
  it('cannot count every table in one transaction here (the lock table is too small for the fleet)', async () => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const err = await countRows(client, seed.schemas).catch((e: Error) => e);
    await client.query('ROLLBACK');
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/out of shared memory/);
  });

  it('dumps in lock-sized batches from one snapshot and counts the manifest in lock-sized chunks', async () => {
    const profile = await core.profiles.add({
      name: 'small-lock-table',
      environment: 'local',
      host: '127.0.0.1',
      port: cluster.port,
      database: 'postgres',
      user: 'postgres',
      sslmode: 'disable',
      readOnly: false,
      registry: 'auto',
      keepAsideAfterRestore: false,
      projectDir: sampleProjectDir(),
    });
    await core.secrets.set(profile.id, SANDBOX_PASSWORD);
    const entry = await takeBackup(core, { profile, scope: 'fleet', reason: 'manual' });
    expect(entry.schemas).toEqual([...seed.schemas].sort());
    // The server's budget (10 × 20 / 2 = 100 tables per pg_dump) splits the fleet into many files.
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')`,
      [seed.schemas],
    );
    expect(entry.files.length).toBeGreaterThanOrEqual(Math.ceil(rows[0].n / 100));
    expect(entry.files.length).toBeGreaterThan(1);
    expect(new Set(entry.files.flatMap((f) => f.schemas))).toEqual(new Set(seed.schemas));
    expect(entry.manifest.map((m) => m.schema)).toEqual(entry.schemas);
    for (const schema of [seed.schemas[0], seed.schemas[TENANTS / 2], seed.schemas.at(-1)!]) {
      const m = entry.manifest.find((x) => x.schema === schema)!;
      expect(m.tables).toEqual((await countRows(client, [schema])).get(schema));
      expect(m.ledger.length).toBeGreaterThan(0);
      expect(entry.files[m.fileIndex].schemas).toContain(schema);
    }
  }, 240_000);
});
