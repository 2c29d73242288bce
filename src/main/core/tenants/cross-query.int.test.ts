import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openDemoFleet, type DemoFleet } from '../../../../test/demo-fleet';
import type { CrossQueryResult } from '../../../shared/model/tenants';
import type { Core } from '../create-core';
import type { SeedSummary } from '../sandbox/seed-demo';

let core: Core;
let client: pg.Client;
let seed: SeedSummary;
let profileId: string;

/** Runs tenants.query to its end: the job's result, or the error that refused it (call or job). */
async function query(
  input: Record<string, unknown>,
): Promise<{ result?: CrossQueryResult; jobId?: string; code?: string; sqlstate?: string; message?: string }> {
  const res = await core.api.call('tenants.query', { profileId, ...input });
  if (!res.ok) return { code: res.error.code, sqlstate: res.error.sqlstate };
  const summary = await core.jobs.wait((res.data as { jobId: string }).jobId);
  if (summary.state !== 'succeeded') return { code: summary.error?.code, message: summary.error?.message };
  return { result: summary.result as CrossQueryResult, jobId: summary.id };
}

async function studentNames(): Promise<string[]> {
  return (await client.query(`SELECT name FROM "${seed.schemas[0]}".evaluations_student ORDER BY id LIMIT 3`)).rows.map(
    (r) => r.name,
  );
}

let fleet: DemoFleet;

beforeAll(async () => {
  fleet = await openDemoFleet({ tenants: 5, students: 4 });
  ({ core, client, seed, profileId } = fleet);
}, 60_000);

afterAll(() => fleet?.close());

describe('cross-tenant read-only query', () => {
  it('runs one SELECT in every working tenant (not missing, not orphan) with a tenant column', async () => {
    const { result } = await query({ sql: 'SELECT count(*) AS students FROM evaluations_student' });
    expect(result!.columns).toEqual(['tenant', 'students']);
    expect(result!.rows.map((r) => r[0]).sort()).toEqual([...seed.schemas].sort());
    // count(*) is int8: exact text, never a JS double.
    expect(result!.rows.every((r) => r[1] === '4')).toBe(true);
    expect(result!.failed).toBe(0);
  });

  it('runs only in the chosen tenants, caps rows, and exports CSV', async () => {
    const { result, jobId } = await query({
      sql: 'SELECT id, name FROM evaluations_student ORDER BY id',
      tenants: [seed.schemas[1], seed.schemas[0]],
      maxRows: 5,
    });
    expect(result!.rowCount).toBe(8);
    expect(result!.rows).toHaveLength(5);
    expect(result!.truncated).toBe(true);
    expect(new Set(result!.rows.map((r) => r[0]))).toEqual(new Set([seed.schemas[1], seed.schemas[0]]));
    const csv = await core.api.call('tenants.queryCsv', { jobId });
    expect(csv).toMatchObject({ ok: true, data: { fileName: 'tenantry-query.csv' } });
    expect((csv as { data: { content: string } }).data.content.split('\r\n')[0]).toBe('tenant,id,name');
    expect(await query({ sql: 'SELECT 1', tenants: [seed.orphan] })).toMatchObject({ code: 'TENANT_NOT_FOUND' });
  });

  it.each([
    ['UPDATE', `UPDATE evaluations_student SET name = 'hacked'`, undefined],
    ['DROP', 'DROP TABLE evaluations_student', undefined],
    [
      'a writing CTE',
      `WITH x AS (UPDATE evaluations_student SET name = 'hacked' RETURNING 1) SELECT count(*) FROM x`,
      undefined,
    ],
    // What the parser cannot see, the server's READ ONLY transaction refuses.
    ['nextval', `SELECT nextval('evaluations_student_id_seq')`, /25006/],
  ])(
    'refuses %s with QUERY_NOT_READ_ONLY (by the parser, else SQLSTATE 25006) and changes nothing',
    async (_, sql, server) => {
      const before = await studentNames();
      const refused = await query({ sql });
      expect(refused).toMatchObject({ code: 'QUERY_NOT_READ_ONLY' });
      if (server) expect(refused.message).toMatch(server);
      else expect(refused.jobId).toBeUndefined();
      expect(await studentNames()).toEqual(before);
      expect(
        (await client.query(`SELECT count(*)::int AS n FROM "${seed.schemas[0]}".evaluations_student`)).rows[0].n,
      ).toBe(4);
    },
  );

  it('refuses a volatile function that writes, inside the read-only transaction', async () => {
    await client.query(
      `CREATE FUNCTION public.sneaky_write() RETURNS int LANGUAGE plpgsql VOLATILE AS $$ BEGIN INSERT INTO clases_group (name) VALUES ('sneaky'); RETURN 1; END $$`,
    );
    const before = (await client.query(`SELECT count(*)::int AS n FROM "${seed.schemas[0]}".clases_group`)).rows[0].n;
    expect(await query({ sql: 'SELECT public.sneaky_write()' })).toMatchObject({ code: 'QUERY_NOT_READ_ONLY' });
    expect((await client.query(`SELECT count(*)::int AS n FROM "${seed.schemas[0]}".clases_group`)).rows[0].n).toBe(
      before,
    );
  });

  it('refuses transaction and session control before sending anything, and multiple statements', async () => {
    for (const sql of [
      'COMMIT',
      'SET default_transaction_read_only = off',
      '  /* x */ begin read write',
      'DO $$ BEGIN END $$',
    ]) {
      expect(await query({ sql })).toMatchObject({ code: 'QUERY_NOT_READ_ONLY' });
    }
    expect(await query({ sql: `SELECT 1; UPDATE evaluations_student SET name = 'x'` })).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await query({ sql: 'SELECT 1;' })).toMatchObject({ result: { failed: 0 } });
    expect(await query({ sql: 'x'.repeat(100_001) })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await query({ sql: 'SELEC oops' })).toMatchObject({ code: 'SQL_SYNTAX_ERROR' });
  });

  it('cancels a query that runs too long in one tenant and keeps the others', async () => {
    const slow = seed.schemas[2];
    await client.query(`CREATE TABLE "${slow}".slow_marker (x int)`);
    const sql = `SELECT CASE WHEN to_regclass('slow_marker') IS NOT NULL THEN (SELECT 1 FROM pg_sleep(2)) ELSE 1 END AS x`;
    const { result } = await query({ sql, timeoutMs: 300 });
    expect(result!.failed).toBe(1);
    const failed = result!.tenants.find((t) => !t.ok)!;
    expect(failed).toMatchObject({ schema: slow, error: { code: 'QUERY_TIMEOUT', sqlstate: '57014' } });
    expect(result!.rows.map((r) => r[0]).sort()).toEqual(seed.schemas.filter((s) => s !== slow).sort());
  });

  it('turns dates, bytes and json into plain JSON values', async () => {
    const { result } = await query({
      sql: `SELECT timestamptz '2025-01-02 03:04:05+00' AS at, '\\x0102'::bytea AS b, '{"a":1}'::jsonb AS j, 7::bigint AS n`,
      tenants: [seed.schemas[0]],
    });
    expect(result!.rows[0]).toEqual([seed.schemas[0], '2025-01-02T03:04:05.000Z', '\\x0102', { a: 1 }, '7']);
  });
});

describe('the query export', () => {
  it('writes a finished query as CSV with formula cells neutralised; anything else is JOB_NOT_FOUND', async () => {
    const { jobId } = await query({
      sql: `SELECT '=HYPERLINK("http://x")' AS f, '@SUM(1)' AS g, 9007199254740993::int8 AS big`,
      tenants: [seed.schemas[0]],
    });
    const csv = await core.api.call('tenants.queryCsv', { jobId });
    expect(csv).toMatchObject({ ok: true });
    expect((csv as { data: { content: string } }).data.content).toBe(
      `tenant,f,g,big\r\n${seed.schemas[0]},"'=HYPERLINK(""http://x"")",'@SUM(1),9007199254740993\r\n`,
    );
    expect(await core.api.call('tenants.queryCsv', { jobId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'JOB_NOT_FOUND' },
    });
  });
});
