import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/model/profile';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';
import { metricTotals, parseMetricHeader } from './check-metrics';
import { runChecks } from './check-runner';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let core: Core;
let profile: Profile;
let sql: pg.Client;
let seed: SeedSummary;

beforeAll(async () => {
  db = await createTestDatabase('tenantry_check_metrics');
  home = tempHome();
  sql = await db.client();
  seed = await seedDemo(sql, { tenants: 6, studentsPerTenant: 20, projectDir: sampleProjectDir() });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  profile = await core.profiles.add({ ...db.settings, projectDir: sampleProjectDir() });
});

afterAll(async () => {
  await core?.close();
  await db?.drop();
  home?.cleanup();
});

describe('check metrics: numbers beside pass/fail', () => {
  it('the enrollment report gives Students, Enrollments and ratio per tenant and the fleet total, as the database counts them', async () => {
    const report = await runChecks(core, profile, { checks: ['enrollment_ratio'], save: false });
    const def = report.checks[0];
    expect(def.metrics?.map((m) => m.name)).toEqual(['students', 'enrollments', 'ratio']);
    expect(def.metrics?.[0].labels).toEqual({ en: 'Students', es: 'Alumnos' });
    const cells = report.results.filter((r) => r.status === 'pass' || r.status === 'fail');
    expect(cells.length).toBeGreaterThan(0);
    let students = 0n;
    let enrollments = 0n;
    for (const cell of cells) {
      const truth = (
        await sql.query(
          `SELECT (SELECT count(*) FROM "${cell.tenant}".evaluations_student WHERE user_id IS NOT NULL)::text AS s, (SELECT count(*) FROM "${cell.tenant}".clases_enrollment)::text AS e`,
        )
      ).rows[0];
      expect(cell.metrics).toMatchObject({ students: truth.s, enrollments: truth.e });
      expect(Number(cell.metrics!.ratio)).toBeCloseTo(Number(truth.e) / Number(truth.s), 4);
      students += BigInt(truth.s);
      enrollments += BigInt(truth.e);
    }
    const totals = report.metricTotals!.enrollment_ratio;
    expect(totals.students).toBe(students.toString());
    expect(totals.enrollments).toBe(enrollments.toString());
    expect(totals.ratio).toBe((Number(enrollments) / Number(students)).toFixed(4));
    // Tenants where the check does not apply (behind) get no numbers rather than wrong ones.
    for (const behind of seed.behind) {
      const cell = report.results.find((r) => r.tenant === behind);
      if (cell?.status === 'not_applicable') expect(cell.metrics).toBeUndefined();
    }
  });

  it('reads metric headers with labels and ratios, and refuses a malformed one', () => {
    expect(parseMetricHeader('ratio = enrollments / students "Ratio" es:"Proporción"')).toEqual({
      name: 'ratio',
      labels: { en: 'Ratio', es: 'Proporción' },
      total: { kind: 'ratio', numerator: 'enrollments', denominator: 'students' },
    });
    expect(parseMetricHeader('rows')).toEqual({ name: 'rows', labels: { en: 'rows' }, total: { kind: 'sum' } });
    expect(() => parseMetricHeader('bad name!')).toThrow(/Bad metric header/);
  });

  it('sums int8 text exactly, past what a double holds', () => {
    const big = '9007199254740993';
    const totals = metricTotals(
      [{ id: 'c', metrics: [{ name: 'n', labels: { en: 'n' }, total: { kind: 'sum' } }] }],
      [
        {
          tenant: 'a',
          check: 'c',
          status: 'pass',
          severity: 'info',
          count: 0,
          columns: [],
          rows: [],
          durationMs: 0,
          metrics: { n: big },
        },
        {
          tenant: 'b',
          check: 'c',
          status: 'pass',
          severity: 'info',
          count: 0,
          columns: [],
          rows: [],
          durationMs: 0,
          metrics: { n: '1' },
        },
      ],
    );
    expect(totals).toEqual({ c: { n: '9007199254740994' } });
  });
});
