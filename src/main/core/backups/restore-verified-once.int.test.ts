import { promises as fs } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { BackupEntry, Preflight, RestoreResult } from '../../../shared/model/backups';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { callErr, callOk, runJob } from './backup-test-kit';

let db: TestDatabase;
let home: { dir: string; cleanup(): void };
let core: Core;
let client: pg.Client;
let seed: SeedSummary;
let profileId: string;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_rvo');
  home = tempHome();
  client = await db.client();
  seed = await seedDemo(client, { tenants: 3, studentsPerTenant: 50, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profileId = (await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir() })).id;
});

afterAll(async () => {
  await client?.end();
  await core?.close();
  await db?.drop();
  home?.cleanup();
});

const fileCheck = (p: Preflight) => p.checks.find((c) => c.name === 'file');

describe('a backup file hashed once', () => {
  it('is not hashed again while unchanged, and any write to it (even keeping size and mtime) is caught', async () => {
    const schema = seed.schemas[0];
    const entry = await runJob<BackupEntry>(core, 'backups.create', { profileId, scope: 'fleet' });
    const first = await callOk<Preflight>(core, 'backups.preflight', { id: entry.id, tenant: schema });
    expect(fileCheck(first)).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^sha256 matches/) });

    const again = await callOk<Preflight>(core, 'backups.preflight', { id: entry.id, tenant: schema });
    expect(fileCheck(again)).toMatchObject({ status: 'ok', detail: expect.stringMatching(/unchanged since/) });
    const restored = await runJob<RestoreResult>(core, 'backups.restore', { id: entry.id, tenant: schema });
    expect(restored.tables.evaluations_student).toBe(50);

    // One byte flipped in place, the size and the modification time put back: the change time moved.
    const file = entry.files[0].path;
    const { mtime, atime } = await fs.stat(file);
    const bytes = await fs.readFile(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await fs.writeFile(file, bytes);
    await fs.utimes(file, atime, mtime);
    const tampered = await callOk<Preflight>(core, 'backups.preflight', { id: entry.id, tenant: schema });
    expect(fileCheck(tampered)).toMatchObject({ status: 'fail', detail: expect.stringMatching(/Checksum mismatch/) });
    expect(await callErr(core, 'backups.restore', { id: entry.id, tenant: schema })).toBe('BACKUP_CORRUPT');
  });
});
