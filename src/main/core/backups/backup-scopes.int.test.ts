import { readFileSync } from 'node:fs';
import { tocCachePath } from './toc';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type {
  BackupEntry,
  BackupListItem,
  BackupVerify,
  Preflight,
  RestoreResult,
} from '../../../shared/model/backups';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { callOk, runJob } from './backup-test-kit';
import { createBackupPort } from './backup-service';
import { Catalogs } from './catalog';
import { countRows } from './manifest';
import { takeBackup } from './take-backup';

let db: TestDatabase;
let other: TestDatabase;
let home: { dir: string; cleanup(): void };
let core: Core;
let client: pg.Client;
let seed: SeedSummary;
let profileId: string;
let otherId: string;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_bk');
  other = await createTestDatabase('tenantry_bk_other');
  home = tempHome();
  client = await db.client();
  seed = await seedDemo(client, { tenants: 6, studentsPerTenant: 20, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profileId = (await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir() })).id;
  otherId = (await core.profiles.add({ ...other.settings, projectDir: sampleProjectDir() })).id;
});

afterAll(async () => {
  await core?.close();
  await db?.drop();
  await other?.drop();
  home?.cleanup();
});

const counts = async (c: pg.ClientBase, schema: string) => (await countRows(c, [schema])).get(schema)!;

describe('backup scopes', () => {
  it('backs up chosen tenants, one file each, with ledger and row counts in the manifest', async () => {
    const [a, b] = seed.schemas;
    const entry = await runJob<BackupEntry>(core, 'backups.create', { profileId, scope: 'tenant', schemas: [a, b] });
    expect(entry.id).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(entry.files.map((f) => f.schemas)).toEqual([[a], [b]]);
    for (const f of entry.files) expect(existsSync(f.path)).toBe(true);
    const m = entry.manifest.find((x) => x.schema === a)!;
    expect(m.tables).toEqual(await counts(client, a));
    expect(m.ledger.map((l) => l.name)).toContain('0006_enrollment_is_active');
    expect(entry.pgDumpVersion).toMatch(/^\d+/);
    const verify = await callOk<BackupVerify>(core, 'backups.verify', { id: entry.id });
    expect(verify.ok).toBe(true);
    const list = await callOk<{ backups: BackupListItem[] }>(core, 'backups.list', { tenant: a });
    expect(list.backups.map((x) => x.id)).toContain(entry.id);
  });

  it('backs up the shared schema and the whole database', async () => {
    const shared = await runJob<BackupEntry>(core, 'backups.create', { profileId, scope: 'shared' });
    expect(shared.schemas).toEqual(['public']);
    expect(shared.manifest[0].tables.customers_client).toBeGreaterThan(0);
    const whole = await runJob<BackupEntry>(core, 'backups.create', { profileId, scope: 'database' });
    expect(whole.files).toHaveLength(1);
    expect(whole.schemas).toEqual(expect.arrayContaining(['public', seed.orphan, ...seed.schemas]));
    expect((await callOk<BackupVerify>(core, 'backups.verify', { id: whole.id })).ok).toBe(true);
  });

  it('takes a fleet backup in lock-sized batches, skipping missing and orphan schemas, and restores one tenant from it', async () => {
    const profile = core.profiles.get(profileId);
    // Four tables per tenant: a budget of 9 forces two tenants per pg_dump run.
    const entry = await takeBackup(core, { profile, scope: 'fleet', reason: 'manual' }, { lockBudget: 9 });
    expect(entry.schemas).toEqual([...seed.schemas].sort());
    expect(entry.schemas).not.toContain(seed.orphan);
    expect(entry.files.length).toBe(Math.ceil(seed.schemas.length / 2));
    const victim = seed.schemas[3];
    const before = await counts(client, victim);
    const m = entry.manifest.find((x) => x.schema === victim)!;
    expect(entry.files[m.fileIndex].schemas).toContain(victim);

    await client.query(`DELETE FROM "${victim}".clases_enrollment`);
    const pre = await callOk<Preflight>(core, 'backups.preflight', { id: entry.id, tenant: victim });
    expect(pre.ok).toBe(true);
    expect(pre.mode).toBe('swap');
    expect(pre.replaces.find((r) => r.table === 'clases_enrollment')).toMatchObject({
      rowsNow: 0,
      rowsInBackup: before.clases_enrollment,
    });
    const result = await runJob<RestoreResult>(core, 'backups.restore', { id: entry.id, tenant: victim });
    expect(result.tables).toEqual(before);
    expect(await counts(client, victim)).toEqual(before);
    const { rows } = await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenantry\\_tmp\\_%'`);
    expect(rows).toEqual([]);
    const safety = await core.api.call('backups.get', { id: result.safetyBackupId });
    expect(safety.ok && (safety.data as BackupEntry).reason).toBe('pre-restore');
    expect((await core.audit.readAll()).map((l) => l.action)).toEqual(
      expect.arrayContaining(['backup.create', 'backup.restore']),
    );

    // The archive's listing is cached beside it for the next restore, tied to its checksum.
    const file = entry.files[m.fileIndex];
    const cached = JSON.parse(readFileSync(tocCachePath(file.path), 'utf8'));
    expect(cached.sha256).toBe(file.sha256);
    expect(cached.toc).toContain(victim);
    await client.query(`DELETE FROM "${victim}".clases_enrollment`);
    expect((await runJob<RestoreResult>(core, 'backups.restore', { id: entry.id, tenant: victim })).tables).toEqual(
      before,
    );
  });

  it('restores under a new name without touching the live tenant', async () => {
    const live = seed.schemas[0];
    const entry = await runJob<BackupEntry>(core, 'backups.create', { profileId, scope: 'tenant', schemas: [live] });
    await client.query(`INSERT INTO "${live}".clases_group (name) VALUES ('added after backup')`);
    const liveBefore = await counts(client, live);
    const result = await runJob<RestoreResult>(core, 'backups.restore', { id: entry.id, as: 'tenant_copy_of_first' });
    expect(result.mode).toBe('scratch');
    expect(await counts(client, 'tenant_copy_of_first')).toEqual(entry.manifest[0].tables);
    expect(await counts(client, live)).toEqual(liveBefore);
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'tenantry\\_tmp\\_%'`);
    expect(rows).toEqual([]);
  });

  it('restores one tenant of a whole-database backup into a second database', async () => {
    const whole = (await new Catalogs(home.dir).all()).find((e) => e.scope === 'database')!;
    const schema = seed.schemas[1];
    const result = await runJob<RestoreResult>(core, 'backups.restore', {
      id: whole.id,
      tenant: schema,
      toProfileId: otherId,
    });
    expect(result.mode).toBe('create');
    const otherClient = await other.client();
    expect(await counts(otherClient, schema)).toEqual(whole.manifest.find((m) => m.schema === schema)!.tables);
  });

  it('finds the latest backup through the port and applies retention', async () => {
    const profile = core.profiles.get(profileId);
    const port = createBackupPort(core);
    const taken = await port.take({ profile, scope: 'tenant', schemas: [seed.schemas[0]], reason: 'pre-migrate' });
    expect((await port.latest(profile, { schema: seed.schemas[0] }))?.id).toBe(taken.id);
    const dry = await callOk<{ removed: string[]; kept: number }>(core, 'backups.retention', {
      profileId,
      keepLast: 1,
      dryRun: true,
    });
    expect(dry.removed.length).toBeGreaterThan(0);
    expect(dry.removed).not.toContain(taken.id);
    const done = await callOk<{ removed: string[] }>(core, 'backups.retention', { profileId, keepLast: 1 });
    expect(done.removed).toEqual(dry.removed);
    const left = (await new Catalogs(home.dir).all()).map((e) => e.id);
    for (const id of done.removed) expect(left).not.toContain(id);
  });
});
