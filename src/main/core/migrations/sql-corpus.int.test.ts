import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationPlan, MigrationStatus } from '../../../shared/model/migrations';
import { errorCode, migrationFleet, type MigrationFleet } from './fleet-fixture.test-helper';

/** Real-world migration files: BEGIN ATOMIC, custom dollar tags, multi-action rules, DO blocks, E'' strings, comments everywhere. */
const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/sql-corpus');

let fleet: MigrationFleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

async function ledgerRows(f: MigrationFleet): Promise<number> {
  const status = await f.call<MigrationStatus>('migrations.status', { profileId: f.profileId });
  return status.tenants.reduce((n, t) => n + t.applied.length + t.failed.length, 0);
}

describe('a corpus of real-world migration files on real tenants', () => {
  it('applies every file whole, statement by statement as PostgreSQL splits them', async () => {
    fleet = await migrationFleet(3, 3);
    for (const file of readdirSync(CORPUS))
      copyFileSync(path.join(CORPUS, file), path.join(fleet.project.dir, 'migrations', 'tenant', file));
    const plan = await fleet.call<MigrationPlan>('migrations.plan', { profileId: fleet.profileId });
    const corpus = plan.files.filter((f) => f.name.includes('corpus'));
    expect(corpus.map((f) => f.name)).toEqual(
      readdirSync(CORPUS)
        .map((f) => f.replace(/\.sql$/, ''))
        .sort(),
    );
    // Words inside bodies and strings (DROP TABLE in the plpgsql comment) are not statements.
    expect(corpus.filter((f) => f.destructive.length)).toEqual([]);

    const run = await fleet.run({ continueOnError: true });
    expect(run.failed).toEqual([]);
    expect(run.plan?.files.map((f) => f.name)).toEqual(plan.files.map((f) => f.name));

    const client = await fleet.db.client();
    const status = await fleet.call<MigrationStatus>('migrations.status', { profileId: fleet.profileId });
    const tenants = status.tenants.filter((t) => !t.shared && t.status !== 'missing').map((t) => t.schema);
    expect(tenants.length).toBeGreaterThan(0);
    for (const schema of tenants) {
      await client.query(`SET search_path TO "${schema}", public`);
      // BEGIN ATOMIC: both statements of the body ran as one function; the DO block called it twice.
      expect((await client.query('SELECT count(*)::int AS n FROM corpus_grade')).rows[0].n).toBe(2);
      expect((await client.query('SELECT corpus_add_grade(9) > 2 AS ok')).rows[0].ok).toBe(true);
      // Custom dollar tags and E'' escapes kept their semicolons and quotes.
      expect((await client.query('SELECT corpus_label(8) AS a, corpus_label(2) AS b')).rows[0]).toEqual({
        a: `it's; "quoted" 'pass'; ok`,
        b: 'fail; 2',
      });
      expect((await client.query('SELECT body FROM corpus_note ORDER BY id')).rows.map((r) => r.body)).toEqual([
        'line one;\nline two \\ backslash',
        "plain 'quoted'; text",
        'dollar; $x$ inside',
        'counted 3; done',
      ]);
      // The rule's two actions both fired for the insert in the same file.
      expect(
        (await client.query('SELECT copy_no FROM corpus_event_log ORDER BY copy_no')).rows.map((r) => r.copy_no),
      ).toEqual([1, 2]);
      // The no-transaction file's one statement built a valid index.
      expect(
        (
          await client.query(
            `SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'corpus_grade_score_idx' AND c.relnamespace = $1::regnamespace`,
            [schema],
          )
        ).rows,
      ).toEqual([{ indisvalid: true }]);
    }
  });

  it('refuses psql-only lines and a several-statement no-transaction file with the file and line, before any tenant is touched', async () => {
    fleet = await migrationFleet(3, 3);
    const before = await ledgerRows(fleet);
    const add = (file: string, sql: string) => fleet!.project.add('tenant', file, sql);

    add('0007_with_copy.sql', 'CREATE TABLE imported (a int);\n\nCOPY imported (a) FROM stdin;\n1\n2\n\\.\n');
    const copy = await fleet
      .call('migrations.apply', { profileId: fleet.profileId })
      .catch((e: { code: string; message: string }) => e);
    expect(copy).toMatchObject({
      code: 'PSQL_ONLY_SQL',
      message: expect.stringContaining('tenant/0007_with_copy.sql line 3, column 1'),
    });

    add('0007_with_copy.sql', '-- include another file\n\\i other.sql\n');
    const include = await fleet
      .call('migrations.apply', { profileId: fleet.profileId, dryRun: true })
      .catch((e: { code: string; message: string }) => e);
    expect(include).toMatchObject({
      code: 'PSQL_ONLY_SQL',
      message: expect.stringContaining('tenant/0007_with_copy.sql line 2'),
    });

    add('0007_with_copy.sql', 'CREATE TABLE later_one (a int);\n');
    add(
      '0008_two_in_one.sql',
      '-- tenantry:no-transaction\nCREATE INDEX CONCURRENTLY a_idx ON later_one (a);\nCREATE INDEX CONCURRENTLY b_idx ON later_one (a);\n',
    );
    expect(await errorCode(fleet.call('migrations.apply', { profileId: fleet.profileId }))).toBe(
      'NO_TRANSACTION_MULTIPLE_STATEMENTS',
    );
    const refused = await fleet
      .call('migrations.apply', { profileId: fleet.profileId })
      .catch((e: { message: string }) => e);
    expect(refused).toMatchObject({ message: expect.stringContaining('tenant/0008_two_in_one.sql') });
    expect(refused).toMatchObject({ message: expect.stringContaining('line 3') });

    // Nothing was run anywhere: no ledger row, no table.
    expect(await ledgerRows(fleet)).toBe(before);
    const client = await fleet.db.client();
    expect(
      (await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('later_one', 'imported')`))
        .rows[0].n,
    ).toBe(0);
  });

  it('names the file and the line of the failing place in a failed tenant', async () => {
    fleet = await migrationFleet(2, 3);
    fleet.project.add(
      'tenant',
      '0007_fails.sql',
      '-- a failing file\nCREATE TABLE ok_first (a int);\n\nSELECT a,\n       no_such_column\n  FROM ok_first;\n',
    );
    const run = await fleet.run({ continueOnError: true });
    const failed = run.results.filter((r) => r.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(r.failedMigration).toBe('0007_fails');
      expect(r.statement).toMatch(/^tenant\/0007_fails\.sql line 5: SELECT a,/);
    }
  });

  it('reports files it would never run, naming them and the expected form', async () => {
    fleet = await migrationFleet(2, 3);
    fleet.project.add('tenant', '0007_AddUpper.sql', 'SELECT 1;');
    fleet.project.add('tenant', '0008_v6.0.sql', 'SELECT 1;');
    const bad = await fleet
      .call('migrations.status', { profileId: fleet.profileId })
      .catch((e: { code: string; message: string; hint: string }) => e);
    expect(bad).toMatchObject({
      code: 'MIGRATION_FILE_INVALID',
      message: expect.stringContaining('0007_AddUpper.sql, 0008_v6.0.sql'),
      hint: expect.stringContaining('NNNN_name.sql'),
    });
    // Beside valid files they are not skipped either: migrate refuses before any tenant.
    expect(await errorCode(fleet.call('migrations.apply', { profileId: fleet.profileId }))).toBe(
      'MIGRATION_FILE_INVALID',
    );
  });
});
