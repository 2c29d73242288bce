import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';
import { sampleProjectDir } from '../core/app-root';
import { sandboxClusterDir, startEmbeddedCluster, type EmbeddedCluster } from '../core/sandbox/embedded-cluster';
import {
  DEMO_ROLE,
  DEMO_ROLE_PASSWORD,
  prepareSandboxDatabase,
  SANDBOX_DATABASE,
  trustLocalPostgresUser,
} from '../core/sandbox/sandbox-database';
import { seedDemo, type SeedSummary } from '../core/sandbox/seed-demo';

/**
 * The built CLI on a pseudo-terminal (util-linux `script`), as a person at a terminal runs it:
 * `answer` types into the terminal when the output so far asks for it.
 */
function inTerminal(
  args: string[],
  env: NodeJS.ProcessEnv,
  answer?: (output: string) => string | undefined,
): Promise<{ code: number; output: string }> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const child = spawn(
    'script',
    ['-q', '-e', '-c', [process.execPath, CLI, ...args].map(quote).join(' '), '/dev/null'],
    {
      env: { ...process.env, TERM: 'xterm', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let answered = false;
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString('utf8');
    const reply = answered ? undefined : answer?.(output);
    if (reply !== undefined) {
      answered = true;
      child.stdin.write(reply);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

let db: TestDatabase;
let seed: SeedSummary;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_tty');
  const client = await db.client();
  seed = await seedDemo(client, { tenants: 4, studentsPerTenant: 3, projectDir: sampleProjectDir() });
  home = tempHome();
}, 120_000);

afterAll(async () => {
  await db?.drop();
  home?.cleanup();
});

describe('progress on stderr', () => {
  const backupArgs = () => ['--url', db.url, 'backup', ...seed.schemas.slice(0, 3).flatMap((s) => ['--tenant', s])];

  it('is a bar on a terminal', async () => {
    const { code, output } = await inTerminal(backupArgs(), { TENANTRY_HOME: home.dir });
    expect(code).toBe(0);
    expect(output).toMatch(/[█░]+ \d\/3 tenant_/);
    expect(output).not.toMatch(/\[\d\/3\]/);
    expect(output).toContain('backup ');
  });

  it('is plain [i/N] lines when stderr is not a terminal', () => {
    const run = runCli(backupArgs(), { home: home.dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\[3\/3\] tenant_/m);
    expect(run.stderr).not.toMatch(/[█░]/);
  });
});

describe('the password prompt (a server that asks for one)', () => {
  let cluster: EmbeddedCluster;
  let clusterHome: string;
  let url: string;

  beforeAll(async () => {
    clusterHome = mkdtempSync(path.join(tmpdir(), 'tenantry-tty-'));
    cluster = await startEmbeddedCluster({ dataDir: sandboxClusterDir(clusterHome) });
    await trustLocalPostgresUser(cluster.dataDir, cluster.port);
    await prepareSandboxDatabase(cluster.port);
    url = `postgres://${DEMO_ROLE}@127.0.0.1:${cluster.port}/${SANDBOX_DATABASE}`;
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    rmSync(sandboxClusterDir(clusterHome), { recursive: true, force: true });
    rmSync(clusterHome, { recursive: true, force: true });
  });

  const clean = { PGPASSWORD: '', PGPASSFILE: '/nonexistent', TENANTRY_HOME: '' };

  it('asks on a terminal when nothing else supplied a password, and connects with the typed one', async () => {
    const { code, output } = await inTerminal(
      ['--url', url, 'tenants', 'list'],
      { ...clean, TENANTRY_HOME: home.dir },
      (o) => (/Password for tenantry_demo@127\.0\.0\.1/.test(o) ? `${DEMO_ROLE_PASSWORD}\r` : undefined),
    );
    expect(output).toMatch(/Password for tenantry_demo@127\.0\.0\.1:\d+\/\w+:/);
    expect(output).not.toContain(DEMO_ROLE_PASSWORD);
    expect(code).toBe(0);
  });

  it('does not ask without a terminal: AUTH_FAILED, exit 1', () => {
    const run = runCli(['--url', url, '--json', 'tenants', 'list'], {
      home: home.dir,
      env: { ...clean, TENANTRY_HOME: home.dir },
    });
    expect(run.code).toBe(1);
    expect(run.json().error.code).toBe('AUTH_FAILED');
    expect(run.stderr).not.toMatch(/Password for/);
  });
});
