import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { MigrationRun, MigrationStatus } from '../../../shared/model/migrations';
import { sampleProjectDir } from '../../core/app-root';
import { migrationChecksum } from '../../core/domain/ledger/checksum';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let project: string;
const ADD = 'CREATE TABLE corpus_extra (a int);\n';
const RENAME = '-- renames break code that still uses the old name\nALTER TABLE corpus_extra RENAME COLUMN a TO b;\n';

const cli = (args: string[]) => runCli([...args, '--url', db.url, '--project', project], { home: home.dir });
const tenantFile = (name: string, sql: string) => writeFileSync(path.join(project, 'migrations', 'tenant', name), sql);

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_plan');
  home = tempHome();
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-plan-project-'));
  cpSync(sampleProjectDir(), project, { recursive: true });
  const seeded = runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '4', '--students', '3', '--json'], {
    home: home.dir,
  });
  expect(seeded.code).toBe(0);
});
afterAll(async () => {
  await db.drop();
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

describe('migrate --dry-run prints the plan (separate CLI processes)', () => {
  it('lists files in apply order with destructive reasons and the targets, in text and as data.plan', async () => {
    tenantFile('0007_corpus_extra.sql', ADD);
    tenantFile('0008_rename_extra.sql', RENAME);
    const status = cli(['status', '--json']).json<MigrationStatus>().data;
    const upToDate = status.tenants.find(
      (t) => !t.shared && t.status === 'active' && t.pending.join() === '0007_corpus_extra,0008_rename_extra',
    )!.schema;
    const behindRow = status.tenants.find((t) => !t.shared && t.status === 'active' && t.pending.length > 2)!;
    const behind = behindRow.schema;
    // The first target already has 0007 (as after an earlier partial run): it needs only 0008.
    const client = await db.client();
    await client.query(`SET search_path TO "${upToDate}"`);
    await client.query(ADD);
    await client.query(
      `INSERT INTO tenantry_migrations (name, checksum, state) VALUES ('0007_corpus_extra', $1, 'applied')`,
      [migrationChecksum(ADD)],
    );

    const json = cli(['migrate', '--dry-run', '--tenants', `${upToDate},${behind}`, '--json']);
    expect(json.code).toBe(0);
    const run = json.json<MigrationRun>().data;
    // Apply order (by version), though the first target needs only 0008.
    expect(behindRow.pending).toContain('0007_corpus_extra');
    expect(run.plan!.files.map((f) => f.name)).toEqual(behindRow.pending);
    expect(run.plan!.files.at(-1)).toMatchObject({
      name: '0008_rename_extra',
      destructive: ['rename: ALTER TABLE corpus_extra RENAME COLUMN a TO b'],
    });
    expect(run.plan!.schemas.map((s) => s.schema)).toEqual([upToDate, behind]);
    expect(run.kind).toBe('dry-run');

    const text = cli(['migrate', '--dry-run', '--tenants', `${upToDate},${behind}`]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    const order = lines.filter((l) => /^\s+\d+\. tenant /.test(l)).map((l) => l.trim().split(' ')[2]);
    expect(order).toEqual(run.plan!.files.map((f) => f.name));
    expect(text.stdout).toContain('files, in apply order:');
    expect(text.stdout).toContain('rename: ALTER TABLE corpus_extra RENAME COLUMN a TO b');
    expect(text.stdout).toContain(`targets: ${upToDate}, ${behind}`);
    expect(text.stdout.indexOf('files, in apply order:')).toBeLessThan(text.stdout.indexOf('dry-run:'));
  });

  it('refuses a no-transaction file of two statements before any tenant is touched (exit 2)', async () => {
    tenantFile(
      '0009_two_indexes.sql',
      '-- tenantry:no-transaction\nCREATE INDEX CONCURRENTLY extra_a ON corpus_extra (a);\nCREATE INDEX CONCURRENTLY extra_b ON corpus_extra (a);\n',
    );
    const client = await db.client();
    const extraTables = async () =>
      (await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'corpus_extra'`)).rows[0]
        .n as number;
    const before = await extraTables();
    const refused = cli(['migrate', '--yes', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.json().error).toMatchObject({
      code: 'NO_TRANSACTION_MULTIPLE_STATEMENTS',
      message: expect.stringContaining('tenant/0009_two_indexes.sql'),
    });
    expect(refused.stderr).toContain('error NO_TRANSACTION_MULTIPLE_STATEMENTS');
    expect(await extraTables()).toBe(before);
    rmSync(path.join(project, 'migrations', 'tenant', '0009_two_indexes.sql'));
  });

  it('names a file it would never run and the expected form (exit 2)', () => {
    tenantFile('0009_AddUpper.sql', 'SELECT 1;\n');
    const bad = cli(['status', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json().error).toMatchObject({
      code: 'MIGRATION_FILE_INVALID',
      message: expect.stringContaining('0009_AddUpper.sql'),
      hint: expect.stringContaining('NNNN_name.sql'),
    });
    rmSync(path.join(project, 'migrations', 'tenant', '0009_AddUpper.sql'));
    tenantFile('0010_orphan.down.sql', 'SELECT 1;\n');
    const orphan = cli(['status', '--json']);
    expect(orphan.code).toBe(2);
    expect(orphan.json().error).toMatchObject({
      code: 'MIGRATION_FILE_INVALID',
      message: expect.stringContaining('0010_orphan.down.sql without 0010_orphan.sql'),
    });
    rmSync(path.join(project, 'migrations', 'tenant', '0010_orphan.down.sql'));
  });
});
