import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../shared/model/checks';
import type { Profile } from '../../../shared/model/profile';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { demoTenant } from '../sandbox/demo-names';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { applyFix, previewFix } from './check-fix';
import { runChecks } from './check-runner';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let core: Core;
let profile: Profile;
let sql: pg.Client;
let seed: SeedSummary;
let project: string;

/** Check files that go wrong, written into a copy of the sample project. */
const BAD_CHECKS: Record<string, string> = {
  'broken_sql.sql': '-- description: a typo\nSELEC id FROM evaluations_student\n',
  'bad_severity.sql': '-- severity: fatal\nSELECT 1 AS x WHERE false\n',
  'delete_rows.sql': '-- description: not a query\nDELETE FROM clases_enrollment RETURNING id\n',
  'sneaky_write.sql':
    '-- description: a write hidden in a CTE\nWITH d AS (DELETE FROM clases_enrollment RETURNING id) SELECT id FROM d\n',
  'sequence_write.sql':
    "-- description: a write hidden in a function\nSELECT nextval('clases_enrollment_id_seq') AS n\n",
  'slow_in_one.sql':
    "-- param: slow_tenant text = none\nSELECT s.x FROM (SELECT pg_sleep(CASE WHEN current_schema() = :slow_tenant THEN 5 ELSE 0 END)::text AS x) s WHERE s.x <> ''\n",
  'slow_inline.sql': `SELECT s.x FROM (SELECT pg_sleep(CASE WHEN current_schema() = '${demoTenant(1).schema}' THEN 5 ELSE 0 END)::text AS x) s WHERE s.x <> ''\n`,
  'two_statements.sql': 'SELECT 1 AS x WHERE false; DELETE FROM clases_enrollment\n',
  'undeclared_param.sql': 'SELECT 1 AS x WHERE 1 > :limit\n',
  'missing_fix.sql': '-- fix: nowhere.fix.sql\nSELECT 1 AS x WHERE false\n',
  'wide_fix.sql':
    '-- description: its fix touches every Enrollment\n-- fix: wide_fix.fix.sql\nSELECT id FROM clases_enrollment WHERE user_id = 1002\n',
  'wide_fix.fix.sql': 'UPDATE clases_enrollment SET is_active = is_active RETURNING id\n',
};

function cell(report: CheckReport, check: string, tenant: string) {
  return report.results.find((r) => r.check === check && r.tenant === tenant)!;
}

async function enrollmentCount(schema: string): Promise<number> {
  return (await sql.query(`SELECT count(*)::int AS n FROM "${schema}".clases_enrollment`)).rows[0].n;
}

beforeAll(async () => {
  db = await createTestDatabase('tenantry_checks_bad');
  home = tempHome();
  project = await fs.mkdtemp(path.join(tmpdir(), 'tenantry-project-'));
  await fs.cp(sampleProjectDir(), project, { recursive: true });
  for (const [name, text] of Object.entries(BAD_CHECKS)) await fs.writeFile(path.join(project, 'checks', name), text);
  sql = await db.client();
  seed = await seedDemo(sql, { tenants: 6, studentsPerTenant: 20, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profile = await core.profiles.add({ ...db.settings, projectDir: project });
});

afterAll(async () => {
  await core?.close();
  await db?.drop();
  home?.cleanup();
  await fs.rm(project, { recursive: true, force: true });
});

describe('bad check files and bad input', () => {
  let report: CheckReport;
  const healthy = () => seed.schemas.filter((s) => !seed.behind.includes(s));

  beforeAll(async () => {
    report = await runChecks(core, profile, {
      timeoutMs: 1000,
      params: { slow_in_one: { slow_tenant: seed.schemas[0] } },
    });
  });

  it('a check with broken SQL reports error in every tenant while the other checks run', () => {
    for (const t of healthy()) {
      expect(cell(report, 'broken_sql', t)).toMatchObject({
        status: 'error',
        error: { code: 'SQL_SYNTAX_ERROR', message: expect.stringContaining('line 2, column 1') },
      });
      expect(cell(report, 'enrollment_without_student', t).status).toBe('pass');
    }
    expect(cell(report, 'student_without_enrollment', seed.missingEnrollment).status).toBe('fail');
    expect(report.passed).toBe(false);
  });

  it('a header with an unknown severity makes that check an error (CHECK_FAILED)', () => {
    expect(report.checks.find((c) => c.id === 'bad_severity')!.problem).toMatchObject({ code: 'CHECK_FAILED' });
    expect(cell(report, 'bad_severity', seed.schemas[0])).toMatchObject({
      status: 'error',
      error: { code: 'CHECK_FAILED' },
    });
  });

  it('refuses SQL that writes (QUERY_NOT_READ_ONLY) and changes nothing', async () => {
    const t = seed.schemas[0];
    expect(cell(report, 'delete_rows', t)).toMatchObject({ status: 'error', error: { code: 'QUERY_NOT_READ_ONLY' } });
    expect(cell(report, 'sneaky_write', t)).toMatchObject({ status: 'error', error: { code: 'QUERY_NOT_READ_ONLY' } });
    expect(cell(report, 'sequence_write', t)).toMatchObject({
      status: 'error',
      error: { code: 'QUERY_NOT_READ_ONLY', sqlstate: '25006' },
    });
    expect(cell(report, 'two_statements', t)).toMatchObject({
      status: 'error',
      error: { code: 'QUERY_NOT_READ_ONLY' },
    });
    expect(await enrollmentCount(t)).toBe(20);
    expect((await sql.query(`SELECT last_value::int AS v FROM "${t}".clases_enrollment_id_seq`)).rows[0].v).toBe(20);
  });

  it('a check that times out in one tenant is an error there (QUERY_TIMEOUT) and passes elsewhere', () => {
    expect(cell(report, 'slow_in_one', seed.schemas[0])).toMatchObject({
      status: 'error',
      error: { code: 'QUERY_TIMEOUT', sqlstate: '57014' },
    });
    for (const t of seed.schemas.slice(1)) expect(cell(report, 'slow_in_one', t).status).toBe('pass');
    // The same without parameters (sent in one round trip with the transaction's start).
    expect(cell(report, 'slow_inline', seed.schemas[1])).toMatchObject({
      status: 'error',
      error: { code: 'QUERY_TIMEOUT', sqlstate: '57014' },
    });
    expect(cell(report, 'slow_inline', seed.schemas[0]).status).toBe('pass');
  });

  it('a tenant behind on migrations is not applicable for checks reading missing tables or columns', () => {
    for (const t of seed.behind) {
      const c = cell(report, 'student_without_enrollment', t);
      expect(c.status).toBe('not_applicable');
      expect(c.reason).toMatch(/^behind: at 0004|^behind: at 0005/);
      expect(c.error).toBeUndefined();
    }
  });

  it('a placeholder without a param header, or a fix file that is not there, is reported, not run', () => {
    expect(report.checks.find((c) => c.id === 'undeclared_param')!.problem).toMatchObject({ code: 'PARAM_INVALID' });
    expect(report.checks.find((c) => c.id === 'missing_fix')!.problem).toMatchObject({ code: 'CHECK_FAILED' });
    expect(report.checks.map((c) => c.id)).not.toContain('wide_fix.fix');
  });

  it('rejects an unknown check (CHECK_NOT_FOUND), tenant (TENANT_NOT_FOUND) or parameter (PARAM_INVALID)', async () => {
    await expect(runChecks(core, profile, { checks: ['no_such_check'] })).rejects.toMatchObject({
      code: 'CHECK_NOT_FOUND',
    });
    await expect(
      runChecks(core, profile, { checks: ['student_without_enrollment'], tenants: [seed.orphan] }),
    ).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
    await expect(
      runChecks(core, profile, { checks: ['student_without_enrollment'], tenants: [seed.missingSchema] }),
    ).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
    await expect(
      runChecks(core, profile, {
        checks: ['enrollment_ratio'],
        tenants: [seed.schemas[0]],
        params: { enrollment_ratio: { tolerence: '1' } },
        save: false,
      }),
    ).rejects.toMatchObject({ code: 'PARAM_INVALID', field: 'tolerence' });
    // A value that is not of its declared type is refused before any tenant, as for actions.
    await expect(
      runChecks(core, profile, {
        checks: ['enrollment_ratio'],
        tenants: [seed.schemas[0]],
        params: { enrollment_ratio: { tolerance: "0.1'; DROP TABLE clases_enrollment; --" } },
        save: false,
      }),
    ).rejects.toMatchObject({ code: 'PARAM_INVALID', field: 'tolerance' });
    expect(await enrollmentCount(seed.schemas[0])).toBe(20);
  });

  it('refuses a fix that would touch more rows than its preview said', async () => {
    const t = seed.schemas[0];
    const preview = await previewFix(core, profile, { check: 'wide_fix', tenants: [t] });
    expect(preview.tenants[0].count).toBe(20);
    const applied = await applyFix(core, profile, { check: 'wide_fix', tenants: [{ tenant: t, expected: 1 }] });
    expect(applied.outcomes[0]).toMatchObject({ status: 'refused', error: { code: 'FIX_ROWS_MISMATCH' } });
  });

  it('fixes need a writable profile, and on production the typed database name', async () => {
    const prod = await core.profiles.add({
      ...db.settings,
      name: 'prod-copy',
      environment: 'production',
      projectDir: project,
    });
    const res = await core.api.call('checks.fixApply', {
      profileId: prod.id,
      check: 'student_without_enrollment',
      tenants: [{ tenant: seed.missingEnrollment, expected: 1 }],
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    const ro = await core.profiles.add({ ...db.settings, name: 'read-only-copy', readOnly: true, projectDir: project });
    await expect(previewFix(core, ro, { check: 'student_without_enrollment' })).rejects.toMatchObject({
      code: 'READ_ONLY',
    });
    // Checks themselves still run on a read-only profile.
    const r = await runChecks(core, ro, {
      checks: ['student_without_enrollment'],
      tenants: [seed.missingEnrollment],
      save: false,
    });
    expect(r.results[0].status).toBe('fail');
    expect(await enrollmentCount(seed.missingEnrollment)).toBe(19);
    const audit = await core.audit.readAll();
    expect(
      audit.find((l) => l.action === 'checks.fix' && l.result === 'refused' && l.profile === 'prod-copy'),
    ).toBeTruthy();
  });

  it('fails with NO_PROJECT when the profile has no project folder', async () => {
    const bare = await core.profiles.add({ ...db.settings, name: 'no-project' });
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      const res = await core.api.call('checks.run', { profileId: bare.id });
      expect(res).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } });
    } finally {
      process.chdir(cwd);
    }
  });
});
