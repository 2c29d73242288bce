import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';

/**
 * `kill -9` of `migrate` while the server builds an index CONCURRENTLY: the server finishes (or
 * abandons) the index without the ledger row. status names the tenant; a retry says what it
 * found and never loops on "already exists"; `migrate --repair` records it after checking it.
 */
let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let project: string;
let client: pg.Client;
/** An open REPEATABLE READ snapshot: CREATE INDEX CONCURRENTLY waits for it before it can finish. */
let snapshot: pg.Client;
let tenants: string[];
const cli = (args: string[]) =>
  runCli(['--url', db.url, '--project', project, '--json', '--yes', ...args], { home: home.dir });

type Status = {
  tenants: {
    schema: string;
    pending: string[];
    failed: string[];
    leftovers?: { file: string; index: string; state: string }[];
  }[];
};
type Run = {
  failed: string[];
  results: {
    schema: string;
    state: string;
    repaired?: string[];
    error?: { code: string; message: string; hint?: string };
  }[];
};

async function until(sql: string, params: unknown[] = []): Promise<void> {
  for (;;) {
    if ((await client.query(sql, params)).rowCount) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const indexState = async (schema: string) =>
  (
    await client.query<{ valid: boolean }>(
      `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'ix_enrollment_created'`,
      [schema],
    )
  ).rows[0];

/** Starts migrate on `schema`, waits until its CREATE INDEX CONCURRENTLY waits on our snapshot, then SIGKILLs the CLI. */
async function killMigrateMidIndex(schema: string): Promise<number> {
  await snapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  await snapshot.query(`SELECT count(*) FROM "${schema}".clases_enrollment`);
  const migrate = runCliAsync(
    ['--url', db.url, '--project', project, '--json', '--yes', 'migrate', '--tenants', schema],
    { home: home.dir },
  );
  await until(
    `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock' AND datname = current_database()`,
  );
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' AND datname = current_database()`,
  );
  migrate.child.kill('SIGKILL');
  await migrate.done;
  return rows[0].pid;
}

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase();
  home = tempHome();
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-repair-project-'));
  cpSync(sampleProjectDir(), project, { recursive: true });
  writeFileSync(
    path.join(project, 'migrations', 'tenant', '0007_enrollment_created_index.sql'),
    '-- tenantry:no-transaction\nCREATE INDEX CONCURRENTLY ix_enrollment_created ON clases_enrollment (created_at);\n',
  );
  writeFileSync(
    path.join(project, 'migrations', 'tenant', '0007_enrollment_created_index.down.sql'),
    '-- tenantry:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS ix_enrollment_created;\n',
  );
  expect(
    runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '3', '--students', '5', '--json'], {
      home: home.dir,
    }).code,
  ).toBe(0);
  client = await db.client();
  snapshot = await db.client();
  tenants = cli(['status'])
    .json<Status>()
    .data.tenants.filter((t) => t.pending.length === 1)
    .map((t) => t.schema);
  expect(tenants.length).toBeGreaterThanOrEqual(2);
});

afterAll(async () => {
  await snapshot?.query('ROLLBACK').catch(() => undefined);
  await db.drop();
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

describe('a killed no-transaction migration is repairable', () => {
  it('the server finishes the index after kill -9: status names the tenant, a retry says so, --repair records it (audited)', async () => {
    const tenant = tenants[0];
    await killMigrateMidIndex(tenant);
    await snapshot.query('COMMIT');
    await until(
      `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'ix_enrollment_created' AND i.indisvalid`,
      [tenant],
    );

    const status = cli(['status'])
      .json<Status>()
      .data.tenants.find((t) => t.schema === tenant)!;
    expect(status.pending).toEqual(['0007_enrollment_created_index']);
    expect(status.leftovers).toEqual([
      { file: '0007_enrollment_created_index', index: 'ix_enrollment_created', state: 'valid' },
    ]);
    const text = runCli(['--url', db.url, '--project', project, 'status'], { home: home.dir });
    expect(text.stdout).toContain(
      `${tenant}: 0007_enrollment_created_index already built its index ix_enrollment_created (valid)`,
    );
    expect(text.stdout).toContain(`tenantry migrate --repair --tenants ${tenant}`);

    // A plain retry, twice: the same clear answer each time, never "already exists".
    for (let i = 0; i < 2; i++) {
      const retry = cli(['migrate', '--tenants', tenant]);
      expect(retry.code).toBe(1);
      const failed = retry.json<Run>().data.results.find((r) => r.schema === tenant)!;
      expect(failed.error?.code).toBe('MIGRATION_NEEDS_REPAIR');
      expect(failed.error?.message).toContain('already built its index ix_enrollment_created');
      expect(failed.error?.message).not.toContain('already exists');
      expect(failed.error?.hint).toContain('--repair');
    }

    const repaired = cli(['migrate', '--repair', '--tenants', tenant]);
    expect(repaired.code).toBe(0);
    expect(repaired.json<Run>().data.results).toEqual([
      expect.objectContaining({ schema: tenant, state: 'applied', repaired: ['0007_enrollment_created_index'] }),
    ]);
    const ledger = await client.query(
      `SELECT state FROM "${tenant}".tenantry_migrations WHERE name = '0007_enrollment_created_index'`,
    );
    expect(ledger.rows).toEqual([{ state: 'applied' }]);
    const audit = runCli(['audit', 'list', '--json'], { home: home.dir }).json<{
      lines: { action: string; target?: string; result: string; params?: { file?: string } }[];
    }>().data.lines;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'migrations.repair',
        target: tenant,
        result: 'ok',
        params: expect.objectContaining({ file: '0007_enrollment_created_index' }),
      }),
    );
    const after = cli(['status'])
      .json<Status>()
      .data.tenants.find((t) => t.schema === tenant)!;
    expect(after.pending).toEqual([]);
    expect(after.leftovers).toBeUndefined();
  });

  it('an index left INVALID after kill -9 is named by status and dropped and rebuilt by the retry', async () => {
    const tenant = tenants[1];
    const pid = await killMigrateMidIndex(tenant);
    // The build is given up (as when the server's session ends before it finishes): the index stays INVALID.
    await client.query('SELECT pg_cancel_backend($1)', [pid]);
    await until(
      `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state <> 'active' UNION ALL SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1)`,
      [pid],
    );
    await snapshot.query('COMMIT');
    expect(await indexState(tenant)).toEqual({ valid: false });

    const status = cli(['status'])
      .json<Status>()
      .data.tenants.find((t) => t.schema === tenant)!;
    expect(status.leftovers).toEqual([
      { file: '0007_enrollment_created_index', index: 'ix_enrollment_created', state: 'invalid' },
    ]);

    const retry = cli(['migrate', '--tenants', tenant]);
    expect(retry.code).toBe(0);
    expect(await indexState(tenant)).toEqual({ valid: true });
    expect(
      cli(['status'])
        .json<Status>()
        .data.tenants.find((t) => t.schema === tenant)!.pending,
    ).toEqual([]);
  });
});
