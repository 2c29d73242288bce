import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../../../test/cli-helpers';
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
let profileName: string;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_sbs');
  home = tempHome();
  client = await db.client();
  seed = await seedDemo(client, { tenants: 2, studentsPerTenant: 30, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  const profile = await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir() });
  profileName = profile.name;
  backup = await runJob<BackupEntry>(core, 'backups.create', {
    profileId: profile.id,
    scope: 'tenant',
    schemas: [seed.schemas[0]],
  });
  const outDir = path.join(appRoot(), 'node_modules', '.cache', 'tenantry-test');
  mkdirSync(outDir, { recursive: true });
  childScript = path.join(outDir, `restore-side-child-${process.pid}.mjs`);
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

const tmpSchemas = async () =>
  (await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenantry\\_tmp\\_%'`)).rows.map(
    (r) => r.nspname as string,
  );

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}

describe('a restore running in another process', () => {
  it('is left alone by CLI commands started meanwhile (one that needs no connection, one that connects) and by this core, and runs to success', async () => {
    const schema = seed.schemas[0];
    // Paused right after the live schema was moved aside: the state a recovery would undo.
    const child = spawn(process.execPath, [childScript, home.dir, backup.id, schema, 'restore', 'pause'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => out.includes('AT restore') || child.exitCode !== null);
    expect(out, err).toContain('AT restore');
    const aside = await tmpSchemas();
    expect(aside).toHaveLength(1);

    const list = runCli(['--json', 'audit', 'list'], { home: home.dir });
    expect(list.code, list.stderr).toBe(0);
    const tenants = await runCliAsync(['--profile', profileName, '--json', 'tenants', 'list'], { home: home.dir }).done;
    expect(tenants.code, tenants.stderr).toBe(0);
    expect(await recoverInterruptedRestores(core)).toEqual([]);
    expect((await listJournals(home.dir)).map((j) => [j.step, j.owner?.pid])).toEqual([['restore', child.pid]]);
    expect(await tmpSchemas()).toEqual(aside);

    child.stdin.end('go\n');
    expect(await exited, err).toBe(0);
    expect(out).toContain('DONE');
    expect((await countRows(client, [schema])).get(schema)).toEqual(backup.manifest[0].tables);
    expect(await tmpSchemas()).toEqual([]);
    expect(await listJournals(home.dir)).toEqual([]);
  });
});

describe('a backup killed with SIGKILL on a password connection', () => {
  it('leaves its passfile folder, which the next command that connects removes', async () => {
    const schema = seed.schemas[1];
    const url = new URL(db.url);
    url.password = 'not-a-real-secret';
    // The dump waits on this lock, so the passfile exists when the process is killed.
    const blocker = await db.client();
    await blocker.query('BEGIN');
    await blocker.query(`LOCK TABLE "${schema}".clases_group IN ACCESS EXCLUSIVE MODE`);
    // A temp folder of its own: a connecting command of another test file would sweep the killed one's too.
    const tmp = mkdtempSync(path.join(tmpdir(), 'tenantry-sbs-'));
    const env = { TMPDIR: tmp };
    const run = runCliAsync(['--url', url.toString(), '--json', 'backup', '--tenant', schema], { home: home.dir, env });
    const pid = run.child.pid!;
    const mine = () => readdirSync(tmp).filter((n) => new RegExp(`^tenantry-pg-[0-9a-f]{8}\\.${pid}\\.`).test(n));
    await until(() => mine().length > 0);
    const [passDir] = mine();
    run.child.kill('SIGKILL');
    await run.done;
    await blocker.query('ROLLBACK');
    expect(existsSync(path.join(tmp, passDir, 'pgpass'))).toBe(true);

    // A command that needs no connection leaves it (it sweeps nothing)…
    expect(runCli(['--json', 'backups', 'list'], { home: home.dir, env }).code).toBe(0);
    expect(existsSync(path.join(tmp, passDir))).toBe(true);
    // …the next one that connects removes it, with the half-written dump.
    const next = runCli(['--url', url.toString(), '--json', 'tenants', 'list'], { home: home.dir, env });
    expect(next.code, next.stderr).toBe(0);
    expect(existsSync(path.join(tmp, passDir))).toBe(false);
    const catalogs = path.join(home.dir, 'backups');
    const partials = readdirSync(catalogs, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.partial'));
    expect(partials).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  });
});
