import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';

const TENANTS = 16;
const LOCK = 7_654_321;
let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let project: string;
let client: pg.Client;
const args = (rest: string[]) => ['--url', db.url, '--registry', 'pattern:tenant_*', '--project', project, ...rest];
const cli = (rest: string[]) => runCli(args(rest), { home: home.dir });
const setParallelism = (n: number) =>
  writeFileSync(path.join(project, 'tenantry.yaml'), `registry: pattern:tenant_*\nparallelism: ${n}\n`);

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_pool_limits');
  home = tempHome();
  client = await db.client();
  for (let i = 0; i < TENANTS; i++)
    await client.query(
      `CREATE SCHEMA tenant_${String(i).padStart(2, '0')}; CREATE TABLE tenant_${String(i).padStart(2, '0')}.t (x int)`,
    );
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-pool-'));
  mkdirSync(path.join(project, 'migrations', 'tenant'), { recursive: true });
  mkdirSync(path.join(project, 'actions'));
  mkdirSync(path.join(project, 'checks'));
  // Each tenant's transaction waits on a shared advisory lock the test holds exclusively: the
  // number of sessions waiting at once is exactly the parallelism the run really got.
  writeFileSync(
    path.join(project, 'actions', 'wait_turn.sql'),
    `-- description: waits for the test's lock\nSELECT pg_advisory_xact_lock_shared(${LOCK});\n`,
  );
  writeFileSync(path.join(project, 'checks', 'nothing.sql'), '-- severity: info\nSELECT x FROM t\n');
}, 120_000);
afterAll(async () => {
  await db.drop();
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

const waiting = async () =>
  (
    await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    )
  ).rows[0].n;

describe('the pool follows the requested parallelism, up to a stated maximum', () => {
  it('16 tenants at once really run 16 at once (the pool grows past its default 10)', async () => {
    setParallelism(TENANTS);
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    const child = spawn(process.execPath, [CLI, ...args(['action', 'run', 'wait_turn', '--yes', '--json'])], {
      env: { ...process.env, TENANTRY_HOME: home.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
    let most = 0;
    for (let i = 0; i < 600 && most < TENANTS; i++) {
      most = Math.max(most, await waiting());
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]);
    expect(most).toBe(TENANTS);
    expect(await exited).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, data: { counts: { done: TENANTS } } });
  }, 120_000);

  it('above the maximum it is refused with a clear error (exit 2), never quietly capped', () => {
    setParallelism(40);
    const action = cli(['action', 'run', 'wait_turn', '--yes', '--json']);
    expect(action.code).toBe(2);
    expect(action.json()).toMatchObject({
      ok: false,
      error: {
        code: 'PARALLEL_TOO_HIGH',
        message: expect.stringMatching(/tenantry\.yaml parallelism asks for 40.*at most 32/),
      },
    });
    const verify = cli(['verify', '--json']);
    expect(verify.code).toBe(2);
    expect(verify.json()).toMatchObject({ ok: false, error: { code: 'PARALLEL_TOO_HIGH' } });
    setParallelism(4);
    const flag = cli(['verify', '--parallel', '33', '--json']);
    expect(flag.code).toBe(2);
    expect(flag.json().error.message).toMatch(/--parallel .*1 to 32/);
    expect(cli(['verify', '--parallel', '32', '--json']).code).toBe(0);
  });
});
