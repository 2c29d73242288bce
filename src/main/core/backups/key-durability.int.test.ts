import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoFleet, type DemoFleet } from '../../../../test/demo-fleet';
import { appRoot } from '../app-root';
import { deriveKey, encryptStream } from './backup-crypto';
import { sweepLeftovers } from '../owned-temp';
import { decryptedCopy } from './decrypted-copy';

let fleet: DemoFleet;
let base: string;
let childScript: string;

beforeAll(async () => {
  // keychain: null — the secret store has no OS keychain, as on a headless server.
  fleet = await openDemoFleet({
    tenants: 6,
    students: 2,
    profile: { environment: 'staging', backupBeforeMigrate: true, backupEncryption: 'keychain' },
  });
  base = mkdtempSync(path.join(tmpdir(), 'tenantry-keytest-'));
  // Inside the repo so the bundle resolves its packages from node_modules.
  const outDir = path.join(appRoot(), 'node_modules', '.cache', 'tenantry-test');
  mkdirSync(outDir, { recursive: true });
  childScript = path.join(outDir, `decrypt-child-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'decrypt-child.fixture.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    logLevel: 'error',
  });
}, 60_000);
afterAll(async () => {
  await fleet?.close();
  rmSync(base, { recursive: true, force: true });
  rmSync(childScript, { force: true });
});

async function apply(profileId: string) {
  return fleet.core.api.call('migrations.apply', {
    profileId,
    confirmDatabase: fleet.db.name,
    confirmDestructive: true,
  });
}

describe('a backup whose key cannot outlive the process', () => {
  it('is refused as the required pre-migrate backup on staging (exit-3 code, hint, nothing migrated)', async () => {
    const before = (
      await fleet.client.query(`SELECT count(*)::int AS n FROM ${fleet.seed.schemas[0]}.tenantry_migrations`)
    ).rows[0].n;
    const res = await apply(fleet.profileId);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_KEY_NOT_DURABLE', hint: expect.stringMatching(/passphrase.*keychain/) },
    });
    expect(
      (await fleet.client.query(`SELECT count(*)::int AS n FROM ${fleet.seed.schemas[0]}.tenantry_migrations`)).rows[0]
        .n,
    ).toBe(before);
  });

  it('is refused on production too, and not asked for where no backup is required', async () => {
    const production = (
      await fleet.core.profiles.add({
        ...fleet.db.settings,
        name: 'prod-copy',
        environment: 'production',
        backupEncryption: 'keychain',
        projectDir: fleet.core.profiles.get(fleet.profileId).projectDir,
      })
    ).id;
    expect(await apply(production)).toMatchObject({ ok: false, error: { code: 'BACKUP_KEY_NOT_DURABLE' } });
    const dry = await fleet.core.api.call('migrations.apply', { profileId: fleet.profileId, dryRun: true });
    expect(dry).toMatchObject({ ok: true });
    await fleet.core.jobs.wait((dry as { data: { jobId: string } }).data.jobId);
  });

  it("the hint's way out works: with a passphrase the required backup is taken, and opens later", async () => {
    const staging = (
      await fleet.core.profiles.add({
        ...fleet.db.settings,
        name: 'staging-pass',
        environment: 'staging',
        backupBeforeMigrate: true,
        backupEncryption: 'passphrase',
        projectDir: fleet.core.profiles.get(fleet.profileId).projectDir,
      })
    ).id;
    expect(await apply(staging)).toMatchObject({ ok: false, error: { code: 'PARAM_INVALID', field: 'passphrase' } });
    const started = await fleet.core.api.call('migrations.apply', {
      profileId: staging,
      passphrase: 'correct horse',
      confirmDestructive: true,
    });
    expect(started).toMatchObject({ ok: true });
    const run = await fleet.core.jobs.wait((started as { data: { jobId: string } }).data.jobId);
    expect(run.state, JSON.stringify(run.error)).toBe('succeeded');
    const backupId = (run.result as { backupId: string }).backupId;
    expect(backupId, JSON.stringify(run.result).slice(0, 600)).toBeDefined();
    expect(backupId).toMatch(/^\d{8}T\d{6}Z-/);
    expect(await fleet.core.api.call('backups.verify', { id: backupId, passphrase: 'correct horse' })).toMatchObject({
      ok: true,
      data: { ok: true },
    });
  }, 120_000);
});

const decryptDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('tenantry-decrypt-'));

async function encryptedFile(passphrase: string): Promise<string> {
  const salt = Buffer.alloc(16, 7);
  const file = path.join(base, 'plain.enc');
  await pipeline(
    Readable.from([Buffer.from('archive bytes')]),
    encryptStream({ mode: 'passphrase', key: await deriveKey(passphrase, salt), keyId: 'scrypt', salt }),
    createWriteStream(file),
  );
  return file;
}

describe('decrypted temporary copies', () => {
  // A temp folder of this file's own: a connecting command of another test file sweeps killed owners' copies too.
  let previousTmp: string | undefined;
  beforeAll(() => {
    previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = mkdtempSync(path.join(base, 'tmp-'));
  });
  afterAll(() => {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  });

  it('live in a 0700 folder as a 0600 file and are gone after remove()', async () => {
    const src = await encryptedFile('right');
    const copy = await decryptedCopy(src, 'archive.dump', (h) => deriveKey('right', h.salt));
    expect(path.basename(path.dirname(copy.file))).toMatch(/^tenantry-decrypt-/);
    expect(statSync(path.dirname(copy.file)).mode & 0o777).toBe(0o700);
    expect(statSync(copy.file).mode & 0o777).toBe(0o600);
    await copy.remove();
    expect(existsSync(path.dirname(copy.file))).toBe(false);
  });

  it('leave nothing behind when decryption fails (wrong passphrase)', async () => {
    const src = await encryptedFile('right');
    const before = decryptDirs();
    await expect(decryptedCopy(src, 'archive.dump', (h) => deriveKey('wrong', h.salt))).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    expect(decryptDirs().filter((d) => !before.includes(d))).toEqual([]);
  });

  it('are removed when the process exits without removing them, and swept once a killed owner is gone', async () => {
    const src = await encryptedFile('right');
    // A separate OS process decrypts and exits without calling remove(): its exit hook removes the copy.
    const child = spawnSync(process.execPath, [childScript, src, 'right', 'exit'], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout.trim()).toMatch(/tenantry-decrypt-/);
    expect(existsSync(path.dirname(child.stdout.trim()))).toBe(false);

    // A process killed with SIGKILL runs no hook: its copy stays until a later sweep sees it gone.
    const killed = spawn(process.execPath, [childScript, src, 'right', 'wait'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const file = await new Promise<string>((resolve) =>
      killed.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    expect(existsSync(file)).toBe(true);
    killed.kill('SIGKILL');
    await new Promise((r) => killed.once('exit', r));
    expect(existsSync(file)).toBe(true);
    expect(await sweepLeftovers([])).toContain(path.dirname(file));
    expect(existsSync(path.dirname(file))).toBe(false);
  });
});
