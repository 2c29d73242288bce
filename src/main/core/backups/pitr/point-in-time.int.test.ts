import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../../../../test/cli-helpers';
import { tempHome } from '../../../../../test/pg-harness';
import { STANZA, startArchivingCluster, type ArchivingCluster } from '../../../../../test/archiving-cluster';

/** A cluster of the test's own, archiving into a posix pgBackRest repository, with a full backup; then changes in two tenants after a recorded time T. */
let cluster: ArchivingCluster;
let home: ReturnType<typeof tempHome>;
const at: Record<string, string> = {};
const fingerprint: Record<string, string> = {};
const asRoot = process.getuid?.() === 0;
const sql = (text: string, database?: string) => cluster.sql(text, database);
const pgbackrest = (...args: string[]) => cluster.pgbackrest(...args);

/** Rows and an md5 of every row in order: what "exactly as it was" means here. */
const tenantState = (schema: string) =>
  sql(`SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY id)) FROM ${schema}.notes t`);

const cli = (args: string[]) => runCli(['--profile', 'pitr', '--json', ...args], { home: home.dir });

beforeAll(async () => {
  cluster = await startArchivingCluster();
  await sql('CREATE DATABASE app', 'postgres');
  await sql(`CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b;
    CREATE TABLE tenant_a.notes (id int PRIMARY KEY, body text); CREATE TABLE tenant_b.notes (id int PRIMARY KEY, body text);
    INSERT INTO tenant_a.notes SELECT g, 'a' || g FROM generate_series(1, 200) g; INSERT INTO tenant_b.notes SELECT g, 'b' || g FROM generate_series(1, 100) g; SELECT 1`);
  at.beforeBackup = await cluster.now();
  pgbackrest('backup', '--type=full');
  await sql(
    `INSERT INTO tenant_a.notes SELECT g, 'later ' || g FROM generate_series(201, 230) g; UPDATE tenant_a.notes SET body = 'edited' WHERE id % 7 = 0; SELECT 1`,
  );
  await new Promise((r) => setTimeout(r, 1100));
  at.t = await cluster.now();
  fingerprint.a = await tenantState('tenant_a');
  fingerprint.b = await tenantState('tenant_b');
  await new Promise((r) => setTimeout(r, 1100));
  // The accident in A, and a later change in B that must survive.
  await sql(`DELETE FROM tenant_a.notes WHERE id < 150; INSERT INTO tenant_b.notes VALUES (999, 'after T'); SELECT 1`);
  home = tempHome();
  const added = runCli(
    [
      'profiles',
      'add',
      'pitr',
      '--uri',
      cluster.url('app'),
      '--registry',
      'pattern:tenant_*',
      '--pgbackrest-config',
      cluster.conf,
      '--pgbackrest-stanza',
      STANZA,
      '--json',
    ],
    { home: home.dir },
  );
  expect(added.code, added.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await cluster?.destroy();
  home?.cleanup();
});

const scratchLeft = () =>
  readdirSync(asRoot ? '/var/tmp' : (process.env.TMPDIR ?? '/tmp')).filter((n) =>
    /^tenantry-pitr-[0-9a-f]{12}$/.test(n),
  );
const scratchServers = () => spawnSync('pgrep', ['-af', 'tenantry-pitr-'], { encoding: 'utf8' }).stdout.trim();

describe('restore one tenant to a point in time', () => {
  it('"Test connection" reports the archive: its backups, WAL range and the cluster\'s version', () => {
    const r = runCli(['--json', 'profiles', 'test', 'pitr'], { home: home.dir });
    expect(r.code, r.stderr).toBe(0);
    const archive = r.json<{
      archive: { stanza: string; pgVersion: string; backups: unknown[]; walMax: string; earliest: string };
    }>().data.archive;
    expect(archive).toMatchObject({ stanza: STANZA, pgVersion: '15' });
    expect(archive.backups).toHaveLength(1);
    expect(archive.walMax).toMatch(/^[0-9A-F]{24}$/);
    expect(new Date(archive.earliest).getTime()).toBeGreaterThan(new Date(at.beforeBackup).getTime());
  });

  it('brings tenant A back exactly as it was at T, while B keeps its later change', async () => {
    const before = scratchLeft();
    const r = cli(['restore', '--tenant', 'tenant_a', '--at', at.t, '--yes']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const data = r.json<{
      backupSet: string;
      walRange: { from: string; to: string };
      backupId: string;
      safetyBackupId: string;
      tables: Record<string, number>;
    }>().data;
    expect(data.backupSet).toMatch(/F$/);
    expect(data.walRange.to >= data.walRange.from).toBe(true);
    expect(data.safetyBackupId).toBeTruthy();
    expect(await tenantState('tenant_a')).toBe(fingerprint.a);
    expect(await sql('SELECT count(*) FROM tenant_b.notes')).toBe('101');
    expect(await tenantState('tenant_b')).not.toBe(fingerprint.b);
    expect(scratchLeft()).toEqual(before);
    // The recovered copy stays in the catalog; the audit log names the time, the backup set and the WAL.
    const listed = runCli(['backups', 'list', '--json'], { home: home.dir }).json<{
      backups: { id: string; reason: string }[];
    }>().data;
    expect(listed.backups.find((b) => b.id === data.backupId)?.reason).toBe('point-in-time');
    const audit = runCli(['audit', 'list', '--json'], { home: home.dir }).stdout;
    expect(audit).toContain('restore-point-in-time');
    expect(audit).toContain(data.backupSet);
    expect(audit).toContain(data.walRange.to);
  });

  it('restores under a new name without touching the live tenant', () => {
    const r = cli(['restore', '--tenant', 'tenant_b', '--at', at.t, '--as', 'tenant_b_at_t', '--yes']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    return Promise.all([tenantState('tenant_b_at_t'), sql('SELECT count(*) FROM tenant_b.notes')]).then(
      ([copy, live]) => {
        expect(copy).toBe(fingerprint.b);
        expect(live).toBe('101');
      },
    );
  });

  it('refuses, with a code and nothing changed: no archive, a time before the oldest backup, a future time, a bad time', async () => {
    const plain = runCli(['profiles', 'add', 'plain', '--uri', cluster.url('app'), '--json'], { home: home.dir });
    expect(plain.code).toBe(0);
    const state = await tenantState('tenant_a');
    const noArchive = runCli(
      ['--profile', 'plain', '--json', 'restore', '--tenant', 'tenant_a', '--at', at.t, '--yes'],
      { home: home.dir },
    );
    expect([noArchive.code, noArchive.json().error.code]).toEqual([2, 'PITR_NOT_CONFIGURED']);
    const tooOld = cli([
      'restore',
      '--tenant',
      'tenant_a',
      '--at',
      new Date(new Date(at.beforeBackup).getTime() - 60_000).toISOString(),
      '--yes',
    ]);
    expect([tooOld.code, tooOld.json().error.code]).toEqual([2, 'PITR_TARGET_TOO_OLD']);
    const future = cli([
      'restore',
      '--tenant',
      'tenant_a',
      '--at',
      new Date(Date.now() + 3_600_000).toISOString(),
      '--yes',
    ]);
    expect([future.code, future.json().error.code]).toEqual([2, 'PITR_TARGET_INVALID']);
    const noZone = cli(['restore', '--tenant', 'tenant_a', '--at', '2026-12-02 14:30', '--yes']);
    expect(noZone.code).toBe(2);
    expect(await tenantState('tenant_a')).toBe(state);
  });

  it("refuses a version mismatch: no server of the archive's version in the chosen folder", () => {
    const other = mkdtempSync(path.join('/var/tmp', 'tenantry-nopg-'));
    try {
      const edited = runCli(['profiles', 'edit', 'pitr', '--pg-server-bin', other, '--json'], { home: home.dir });
      expect(edited.code, edited.stderr).toBe(0);
      const r = cli(['restore', '--tenant', 'tenant_a', '--at', at.t, '--yes']);
      expect(r.json().error.code).toBe('PITR_VERSION_MISMATCH');
      expect(r.code).toBe(1);
    } finally {
      runCli(['profiles', 'edit', 'pitr', '--pg-server-bin', '', '--json'], { home: home.dir });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a kill during each phase leaves no scratch server or folder after the next start', async () => {
    for (const phase of ['restore', 'recovery', 'dump']) {
      const run = runCliAsync(
        [
          '--profile',
          'pitr',
          'restore',
          '--tenant',
          'tenant_b',
          '--at',
          at.t,
          '--as',
          `tenant_b_kill_${phase}`,
          '--yes',
        ],
        { home: home.dir },
      );
      let seen = '';
      run.child.stderr!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (seen.includes(`phase ${phase}`) && !run.child.killed)
          setTimeout(() => run.child.kill('SIGKILL'), phase === 'restore' ? 300 : 50);
      });
      await run.done;
      const after = runCli(['--profile', 'pitr', '--json', 'tenants', 'list'], { home: home.dir });
      expect(after.code, after.stderr).toBe(0);
      expect(scratchLeft(), phase).toEqual([]);
      expect(scratchServers(), phase).toBe('');
    }
  });

  it("refuses when the scratch folder's disk has no room for a copy of the database (DISK_FULL, exit 1)", async () => {
    // A 1 MB tmpfs is a real disk that is too small; mounting one needs root, as CI and these machines run.
    const small = mkdtempSync(path.join('/var/tmp', 'tenantry-smalldisk-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small], { encoding: 'utf8' });
    expect(mounted.status, `this test mounts a tmpfs and needs root: ${mounted.stderr}`).toBe(0);
    try {
      const state = await tenantState('tenant_a');
      const r = runCli(['--profile', 'pitr', '--json', 'restore', '--tenant', 'tenant_a', '--at', at.t, '--yes'], {
        home: home.dir,
        env: { TENANTRY_SCRATCH_DIR: small },
      });
      expect([r.code, r.json().error.code]).toEqual([1, 'DISK_FULL']);
      expect(r.json().error.message).toContain(small);
      expect(await tenantState('tenant_a')).toBe(state);
    } finally {
      spawnSync('umount', [small]);
      rmSync(small, { recursive: true, force: true });
    }
  });

  it('names a WAL gap before recovery starts, and changes nothing', async () => {
    const info = JSON.parse(pgbackrest('info', '--output=json'))[0];
    const archiveId = info.archive[0].id;
    const backupStop: string = info.backup.at(-1).archive.stop;
    await sql('SELECT pg_switch_wal()');
    await sql(`INSERT INTO tenant_b.notes VALUES (1000, 'more'); SELECT pg_walfile_name(pg_switch_wal())`);
    await new Promise((r) => setTimeout(r, 2000));
    const folder = path.join(cluster.repoDir, 'repo', 'archive', STANZA, archiveId, backupStop.slice(0, 16));
    const next = readdirSync(folder)
      .filter((n) => n.slice(0, 24) > backupStop)
      .sort()[0];
    expect(next).toBeTruthy();
    unlinkSync(path.join(folder, next));
    const state = await tenantState('tenant_a');
    const r = cli(['restore', '--tenant', 'tenant_a', '--at', at.t, '--yes']);
    expect(r.json().error.code).toBe('PITR_WAL_GAP');
    expect(r.json().error.message).toContain(next.slice(0, 24));
    expect(await tenantState('tenant_a')).toBe(state);
    expect(existsSync(folder)).toBe(true);
  });
});
