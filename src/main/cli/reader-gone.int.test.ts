import { execFileSync, spawn } from 'node:child_process';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';
import { sampleProjectDir } from '../core/app-root';

const TENANTS = 400;
let db: TestDatabase;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_reader_gone');
  home = tempHome();
  const c = new Client({ connectionString: db.url });
  await c.connect();
  const names = Array.from({ length: TENANTS }, (_, i) => `tenant_${String(i).padStart(4, '0')}`);
  await c.query(names.map((s) => `CREATE SCHEMA ${s}`).join(';'));
  await c.end();
});
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

const target = () => ['--url', db.url, '--registry', 'pattern:tenant_*', '--project', sampleProjectDir()];

/** The CLI with its output read by a reader that stops after `keep` chunks (0: never reads), as `| head` does. */
function withEarlyReader(args: string[], keep: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, TENANTRY_HOME: home.dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let chunks = 0;
  if (keep === 0) {
    child.stdout!.destroy();
    child.stderr!.destroy();
  } else {
    child.stdout!.on('data', () => {
      if (++chunks >= keep) child.stdout!.destroy();
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  }
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
}

describe('a reader that stops early (`tenantry … | head`)', () => {
  it('does not stop a migrate half way: every tenant is migrated and the exit code is the run’s', async () => {
    const run = await withEarlyReader([...target(), 'migrate', '--yes'], 0);
    expect(run.code).toBe(0);
    const status = runCli([...target(), 'status', '--json'], { home: home.dir });
    const rows = status.json<{ tenants: { shared?: boolean; pending: string[]; applied: string[] }[] }>().data.tenants;
    const tenants = rows.filter((r) => !r.shared);
    expect(tenants).toHaveLength(TENANTS);
    expect(tenants.every((r) => r.pending.length === 0 && r.applied.length > 0)).toBe(true);
  });

  it('ends a long listing quietly, without a stack trace', async () => {
    const run = await withEarlyReader([...target(), 'status', '--json'], 1);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
  });
});
