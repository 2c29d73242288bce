import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fs, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { BackupEntry, BackupVerify } from '../../../shared/model/backups';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { keyAccount } from './backup-crypto';
import { callErr, callOk, runJob } from './backup-test-kit';
import { Catalogs } from './catalog';
import { sha256File } from './dump-file';

let db: TestDatabase;
let home: { dir: string; cleanup(): void };
let core: Core;
let client: pg.Client;
let seed: SeedSummary;
let profileId: string;

beforeAll(async () => {
  const built = execFileSync(process.execPath, ['scripts/build-cli.mjs'], {
    cwd: path.resolve(__dirname, '../../../..'),
    encoding: 'utf8',
  });
  void built;
  db = await createTestDatabase('tenantry_bkenc');
  home = tempHome();
  client = await db.client();
  seed = await seedDemo(client, { tenants: 4, studentsPerTenant: 300, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profileId = (
    await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir(), backupEncryption: 'keychain' })
  ).id;
});

afterAll(async () => {
  await core?.close();
  await db?.drop();
  home?.cleanup();
});

const backupOf = (schema: string, extra: Record<string, unknown> = {}) =>
  runJob<BackupEntry>(core, 'backups.create', { profileId, scope: 'tenant', schemas: [schema], ...extra });
const students = async (schema: string) =>
  (await client.query(`SELECT count(*)::int AS n FROM "${schema}".evaluations_student`)).rows[0].n as number;

/** Flips one byte in the middle of the file, then makes the catalog agree, so only the GCM tags can tell. */
async function tamper(entry: BackupEntry): Promise<void> {
  const file = entry.files[0].path;
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  writeFileSync(file, bytes);
  const { sha256 } = await sha256File(file);
  await new Catalogs(home.dir).update(entry.profileKey, (c) => {
    c.backups.find((b) => b.id === entry.id)!.files[0].sha256 = sha256;
  });
}

describe('encrypted backups', () => {
  it('restores an encrypted backup (keychain key), while a tampered one is refused with nothing restored', async () => {
    const [a, b] = seed.schemas;
    const entry = await backupOf(a);
    expect(entry.encryption).toMatchObject({ mode: 'keychain' });
    expect(entry.encryption!.keyId).toMatch(/^k-[0-9a-f]{16}$/);
    expect(entry.files[0].path.endsWith('.dump.enc')).toBe(true);
    expect(readFileSync(entry.files[0].path).subarray(0, 8).toString()).toBe('TNTRENC1');
    expect(JSON.stringify(await new Catalogs(home.dir).all())).not.toContain(
      (await core.secrets.get(keyAccount(profileId)))!,
    );
    expect((await callOk<BackupVerify>(core, 'backups.verify', { id: entry.id })).ok).toBe(true);

    const before = await students(a);
    await client.query(
      `DELETE FROM "${a}".evaluations_student WHERE id IN (SELECT id FROM "${a}".evaluations_student LIMIT 50)`,
    );
    await runJob(core, 'backups.restore', { id: entry.id });
    expect(await students(a)).toBe(before);

    const bad = await backupOf(b);
    await tamper(bad);
    await client.query(
      `DELETE FROM "${b}".evaluations_student WHERE id IN (SELECT id FROM "${b}".evaluations_student LIMIT 10)`,
    );
    const afterDelete = await students(b);
    expect(await callErr(core, 'backups.restore', { id: bad.id })).toBe('BACKUP_CORRUPT');
    expect(await students(b)).toBe(afterDelete);
    const verify = await callOk<BackupVerify>(core, 'backups.verify', { id: bad.id });
    expect(verify.ok).toBe(false);
    expect(verify.checks.find((c) => !c.ok)?.detail).toMatch(/BACKUP_CORRUPT.*GCM/);
  });

  it('a lost keychain key is said plainly: KEY_NOT_FOUND', async () => {
    const entry = await backupOf(seed.schemas[2]);
    const key = (await core.secrets.get(keyAccount(profileId)))!;
    await core.secrets.delete(keyAccount(profileId));
    try {
      expect(await callErr(core, 'backups.restore', { id: entry.id })).toBe('KEY_NOT_FOUND');
    } finally {
      await core.secrets.set(keyAccount(profileId), key);
    }
  });

  it('passphrase: needed to back up, a wrong one is WRONG_PASSPHRASE, the right one restores', async () => {
    await core.profiles.update(profileId, { backupEncryption: 'passphrase' });
    try {
      const schema = seed.schemas[3];
      expect(
        await runJob(core, 'backups.create', { profileId, scope: 'tenant', schemas: [schema] }).catch((e) => e.code),
      ).toBe('PARAM_INVALID');
      const entry = await backupOf(schema, { passphrase: 'correct horse battery' });
      expect(entry.encryption).toEqual({ mode: 'passphrase', keyId: 'scrypt' });
      expect(await callErr(core, 'backups.restore', { id: entry.id, passphrase: 'wrong horse' })).toBe(
        'WRONG_PASSPHRASE',
      );
      const verify = await callOk<BackupVerify>(core, 'backups.verify', { id: entry.id, passphrase: 'wrong horse' });
      expect(verify.checks.find((c) => !c.ok)?.detail).toMatch(/WRONG_PASSPHRASE/);
      expect(
        (await callOk<BackupVerify>(core, 'backups.verify', { id: entry.id, passphrase: 'correct horse battery' })).ok,
      ).toBe(true);
      const before = await students(schema);
      await client.query(
        `DELETE FROM "${schema}".evaluations_student WHERE id IN (SELECT id FROM "${schema}".evaluations_student LIMIT 5)`,
      );
      await runJob(core, 'backups.restore', { id: entry.id, passphrase: 'correct horse battery' });
      expect(await students(schema)).toBe(before);

      // The CLI reads the passphrase from standard input, never from an argument.
      const name = core.profiles.get(profileId).name;
      const cli = runCli(['backup', '--profile', name, '--tenant', schema, '--passphrase-stdin', '--json'], {
        home: home.dir,
        input: 'correct horse battery\n',
      });
      expect(cli.code).toBe(0);
      const id = cli.json<{ id: string }>().data.id;
      expect(
        runCli(['backups', 'verify', id, '--passphrase-stdin'], { home: home.dir, input: 'correct horse battery\n' })
          .code,
      ).toBe(0);
      const wrong = runCli(['restore', id, '--yes', '--passphrase-stdin', '--json'], {
        home: home.dir,
        input: 'nope\n',
      });
      expect(wrong.json().error.code).toBe('WRONG_PASSPHRASE');
    } finally {
      await core.profiles.update(profileId, { backupEncryption: 'keychain' });
    }
  });
});

describe('second destination', () => {
  it('copies every finished backup and verifies it by checksum', async () => {
    const copyDir = mkdtempSync(path.join(tmpdir(), 'tenantry-share-'));
    await core.profiles.update(profileId, { backupCopyDir: copyDir });
    try {
      const entry = await backupOf(seed.schemas[0]);
      expect(entry.copy?.state).toBe('ok');
      const copied = path.join(entry.copy!.dir, path.basename(entry.files[0].path));
      expect((await sha256File(copied)).sha256).toBe(entry.files[0].sha256);
      expect((await new Catalogs(home.dir).find(entry.id)).copy?.state).toBe('ok');
    } finally {
      await core.profiles.update(profileId, { backupCopyDir: undefined });
      await fs.rm(copyDir, { recursive: true, force: true });
    }
  });

  it('a full or missing destination keeps the local backup, reports it, and the copy is retried later', async () => {
    const share = mkdtempSync(path.join(tmpdir(), 'tenantry-fullshare-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', share]);
    let mounted = true;
    try {
      await core.profiles.update(profileId, { backupCopyDir: share });
      const full = await backupOf(seed.schemas[1]);
      expect(full.copy?.state).toBe('pending');
      expect(full.copy?.error).toMatch(/full/);
      expect(existsSync(full.files[0].path)).toBe(true);
      expect((await callOk<BackupVerify>(core, 'backups.verify', { id: full.id })).ok).toBe(true);

      await core.profiles.update(profileId, { backupCopyDir: path.join(share, 'not-mounted', 'share') });
      const gone = await backupOf(seed.schemas[1]);
      expect(gone.copy?.state).toBe('pending');
      expect(gone.copy?.error).toMatch(/gone/);

      // The share comes back with room: syncCopies copies both.
      execFileSync('umount', [share]);
      mounted = false;
      await core.profiles.update(profileId, { backupCopyDir: share });
      const sync = await callOk<{ copied: string[]; pending: unknown[] }>(core, 'backups.syncCopies', { profileId });
      expect(sync.copied).toEqual(expect.arrayContaining([full.id, gone.id]));
      expect((await new Catalogs(home.dir).find(gone.id)).copy?.state).toBe('ok');
    } finally {
      await core.profiles.update(profileId, { backupCopyDir: undefined });
      if (mounted) execFileSync('umount', [share]);
      await fs.rm(share, { recursive: true, force: true });
    }
  });
});

describe('privilege preflight', () => {
  it('a role lacking rights is refused with INSUFFICIENT_PRIVILEGE before a backup or a migrate starts', async () => {
    const role = `tenantry_weak_${Math.random().toString(16).slice(2, 8)}`;
    const schema = seed.schemas[0];
    await client.query(`CREATE ROLE ${role} LOGIN`);
    try {
      await client.query(`GRANT USAGE ON SCHEMA "${schema}", public TO ${role}`);
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
      await client.query(`GRANT SELECT ON "${schema}".clases_group TO ${role}`);
      const weak = await core.profiles.add({
        ...db.settings,
        name: `weak-${role}`,
        user: role,
        projectDir: sampleProjectDir(),
      });
      const before = (await new Catalogs(home.dir).all()).length;
      expect(
        await runJob(core, 'backups.create', { profileId: weak.id, scope: 'tenant', schemas: [schema] }).catch(
          (e) => e.code,
        ),
      ).toBe('INSUFFICIENT_PRIVILEGE');
      expect((await new Catalogs(home.dir).all()).length).toBe(before);
      const env = await core.api.call('migrations.apply', { profileId: weak.id, tenants: [seed.behind[0]] });
      expect(env.ok ? 'ok' : env.error.code).toBe('INSUFFICIENT_PRIVILEGE');
      expect(env.ok ? '' : env.error.message).toContain(seed.behind[0]);
      await core.profiles.remove(weak.id);
    } finally {
      await client.query(`DROP OWNED BY ${role}`);
      await client.query(`DROP ROLE ${role}`);
    }
  });
});
