import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, promises as fs, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { BackupEntry, BackupVerify } from '../../../shared/model/backups';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { callErr, callOk, runJob } from './backup-test-kit';
import { Catalogs } from './catalog';
import { sha256File } from './dump-file';
import { takeBackup } from './take-backup';

let db: TestDatabase;
let home: { dir: string; cleanup(): void };
let core: Core;
let client: pg.Client;
let seed: SeedSummary;
let profileId: string;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_bkf');
  home = tempHome();
  client = await db.client();
  seed = await seedDemo(client, { tenants: 5, studentsPerTenant: 200, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profileId = (await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir() })).id;
});

afterAll(async () => {
  await core?.close();
  await db?.drop();
  home?.cleanup();
});

const backupOf = (schema: string) =>
  runJob<BackupEntry>(core, 'backups.create', { profileId, scope: 'tenant', schemas: [schema] });

/** Rewrites a catalogued file and, when asked, the catalog's checksum so only the archive check can notice. */
async function tamper(entry: BackupEntry, content: Buffer, fixChecksum: boolean): Promise<void> {
  await fs.writeFile(entry.files[0].path, content);
  if (!fixChecksum) return;
  const { sha256, bytes } = await sha256File(entry.files[0].path);
  await new Catalogs(home.dir).update(entry.profileKey, (c) => {
    const e = c.backups.find((b) => b.id === entry.id)!;
    e.files[0] = { ...e.files[0], sha256, bytes };
  });
}

describe('bad backup files', () => {
  it('refuses a checksum mismatch', async () => {
    const entry = await backupOf(seed.schemas[0]);
    const bytes = await fs.readFile(entry.files[0].path);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await tamper(entry, bytes, false);
    const verify = await callOk<BackupVerify>(core, 'backups.verify', { id: entry.id });
    expect(verify.ok).toBe(false);
    expect(verify.checks.find((c) => c.name.endsWith('checksum'))?.detail).toMatch(/mismatch/);
    expect(await callErr(core, 'backups.restore', { id: entry.id })).toBe('BACKUP_CORRUPT');
  });

  it('refuses a truncated file, even with a matching checksum', async () => {
    const entry = await backupOf(seed.schemas[1]);
    const bytes = await fs.readFile(entry.files[0].path);
    await tamper(entry, bytes.subarray(0, Math.floor(bytes.length / 3)), true);
    const verify = await callOk<BackupVerify>(core, 'backups.verify', { id: entry.id });
    expect(verify.ok).toBe(false);
    const code = await callErr(core, 'backups.restore', { id: entry.id });
    expect(code).toBe('BACKUP_CORRUPT');
    // Truncation may leave a readable TOC; then the data is missing and the restore itself fails and undoes.
  });

  it('refuses a foreign file', async () => {
    const entry = await backupOf(seed.schemas[2]);
    await tamper(entry, Buffer.from('-- not a dump\nSELECT 1;\n'), true);
    const verify = await callOk<BackupVerify>(core, 'backups.verify', { id: entry.id });
    expect(verify.checks.find((c) => c.name.endsWith('archive'))?.ok).toBe(false);
    expect(await callErr(core, 'backups.restore', { id: entry.id })).toBe('BACKUP_CORRUPT');
  });

  it('refuses to restore a tenant that is no longer in the registry', async () => {
    const schema = seed.schemas[3];
    const entry = await backupOf(schema);
    await client.query(
      'DELETE FROM public.customers_domain WHERE tenant_id = (SELECT id FROM public.customers_client WHERE schema_name = $1)',
      [schema],
    );
    await client.query('DELETE FROM public.customers_client WHERE schema_name = $1', [schema]);
    expect(await callErr(core, 'backups.restore', { id: entry.id })).toBe('TENANT_NOT_FOUND');
    expect(await callErr(core, 'backups.restore', { id: '20990101T000000Z-abcdef' })).toBe('BACKUP_NOT_FOUND');
  });
});

describe('faults while dumping', () => {
  it('removes the partial file and leaves the catalog alone when the disk fills up', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-full-'));
    // A real full disk: a 64 KiB tmpfs (root can mount one here; the fleet dump is larger).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', dir]);
    try {
      const profile = await core.profiles.update(profileId, { backupDir: dir });
      const before = (await new Catalogs(home.dir).all()).length;
      const err = await takeBackup(core, { profile, scope: 'fleet', reason: 'manual' }).catch((e) => e);
      expect(err.code).toBe('DISK_FULL');
      expect(readdirSync(dir)).toEqual([]);
      expect((await new Catalogs(home.dir).all()).length).toBe(before);
    } finally {
      await core.profiles.update(profileId, { backupDir: undefined });
      execFileSync('umount', [dir]);
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('says PG_DUMP_NOT_FOUND when no pg_dump exists, PG_DUMP_TOO_OLD when it is older than the server', async () => {
    const profile = core.profiles.get(profileId);
    const empty = mkdtempSync(path.join(tmpdir(), 'tenantry-nobin-'));
    const err1 = await takeBackup(core, { profile, scope: 'shared', reason: 'manual' }, { binDir: empty }).catch(
      (e) => e,
    );
    expect(err1.code).toBe('PG_DUMP_NOT_FOUND');
    const old = mkdtempSync(path.join(tmpdir(), 'tenantry-oldbin-'));
    for (const tool of ['pg_dump', 'pg_restore']) {
      writeFileSync(path.join(old, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) 11.22"\n`);
      chmodSync(path.join(old, tool), 0o755);
    }
    const err2 = await takeBackup(core, { profile, scope: 'shared', reason: 'manual' }, { binDir: old }).catch(
      (e) => e,
    );
    expect(err2.code).toBe('PG_DUMP_TOO_OLD');
    expect(err2.message).toMatch(/11\.22/);
    expect(err2.message).toMatch(/pg_dump 1[3-9]/);
    expect(err2.hint).toMatch(/postgresql-client-1\d/);
  });

  it('reports a wrong password as AUTH_FAILED (pool and pg_dump child), and a right one reaches pg_dump through the passfile', async () => {
    // The shared test server trusts everyone; a scram-only embedded cluster makes passwords matter.
    const { startEmbeddedCluster, sandboxClusterDir, SANDBOX_PASSWORD } = await import('../sandbox/embedded-cluster');
    const clusterHome = mkdtempSync(path.join(tmpdir(), 'tenantry-pw-'));
    const cluster = await startEmbeddedCluster({ dataDir: sandboxClusterDir(clusterHome) });
    try {
      const settings = { ...db.settings, name: 'scram', port: cluster.port, database: 'postgres' };
      const good = await core.profiles.add(settings);
      await core.secrets.set(good.id, SANDBOX_PASSWORD);
      const entry = await runJob<BackupEntry>(core, 'backups.create', { profileId: good.id, scope: 'shared' });
      expect(entry.files[0].bytes).toBeGreaterThan(0);

      const bad = await core.profiles.add({ ...settings, name: 'scram-wrong' });
      await core.secrets.set(bad.id, 'not-the-password');
      const before = (await new Catalogs(home.dir).all()).length;
      const err = (await runJob(core, 'backups.create', { profileId: bad.id, scope: 'shared' }).catch(
        (e: unknown) => e,
      )) as { code?: string };
      expect(err.code).toBe('AUTH_FAILED');
      expect((await new Catalogs(home.dir).all()).length).toBe(before);

      const { startPg, withPassfile, connectionArgs } = await import('./pg-process');
      const child = await withPassfile('not-the-password', (passfile) =>
        startPg('pg_dump', [...connectionArgs(bad), '--schema-only'], {
          target: bad,
          passfile,
          stdout: 'ignore',
          failCode: 'BACKUP_FAILED',
          what: 'pg_dump',
        }).done.catch((e) => e),
      );
      expect(child.code).toBe('AUTH_FAILED');
      expect(child.message).not.toContain('not-the-password');
    } finally {
      await core.pools.closeAll();
      await cluster.stop();
      await fs.rm(sandboxClusterDir(clusterHome), { recursive: true, force: true });
    }
  });
});
