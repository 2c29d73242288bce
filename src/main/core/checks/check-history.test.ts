import { describe, expect, it } from 'vitest';
import type { CheckReport, CheckResult } from '../../../shared/model/checks';
import { compareReports } from './check-history';
import { reportPassed, totalsOf } from './check-runner';

function result(
  tenant: string,
  check: string,
  status: CheckResult['status'],
  count = 0,
  severity: CheckResult['severity'] = 'error',
): CheckResult {
  return { tenant, check, status, severity, count, columns: [], rows: [], durationMs: 1 };
}

function report(id: string, results: CheckResult[], checks = ['a', 'b']): CheckReport {
  return {
    id,
    profileId: 'p',
    profile: 'p',
    environment: 'local',
    database: 'd',
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:00:01.000Z',
    durationMs: 1,
    checks: checks.map((c) => ({
      id: c,
      name: c,
      description: '',
      severity: 'error',
      scope: 'tenant',
      params: [],
      file: `${c}.sql`,
    })),
    tenants: [],
    skipped: [],
    results,
    totals: totalsOf(results),
    passed: reportPassed(results),
  };
}

describe('pass or fail', () => {
  it('fails only on an error-severity check that found rows or errored; warnings and info never fail', () => {
    expect(
      reportPassed([
        result('t', 'a', 'fail', 3, 'warning'),
        result('t', 'b', 'error', 0, 'info'),
        result('t', 'c', 'not_applicable'),
      ]),
    ).toBe(true);
    expect(reportPassed([result('t', 'a', 'fail', 1)])).toBe(false);
    expect(reportPassed([result('t', 'a', 'error')])).toBe(false);
  });
});

describe('comparison with the previous run', () => {
  it('says what got better and what got worse per tenant and check', () => {
    const before = report(
      '20260101T000000Z-000001',
      [
        result('t1', 'a', 'fail', 3),
        result('t2', 'a', 'pass'),
        result('t3', 'a', 'fail', 1),
        result('t4', 'a', 'error'),
      ],
      ['a'],
    );
    const after = report('20260101T000001Z-000002', [
      result('t1', 'a', 'fail', 1),
      result('t2', 'a', 'fail', 2),
      result('t3', 'a', 'fail', 1),
      result('t4', 'a', 'pass'),
      result('t5', 'a', 'fail', 1),
      result('t1', 'b', 'fail', 9),
    ]);
    const cmp = compareReports(after, before);
    expect(cmp.previousId).toBe(before.id);
    expect(cmp.better.map((c) => c.tenant).sort()).toEqual(['t1', 't4']);
    expect(cmp.worse.map((c) => c.tenant).sort()).toEqual(['t2', 't5']);
    expect(cmp.unchanged).toBe(1);
    // Check b was not in the previous run: nothing to compare it with.
    expect([...cmp.better, ...cmp.worse].some((c) => c.check === 'b')).toBe(false);
  });

  it('has nothing to compare without a previous run', () => {
    expect(compareReports(report('20260101T000000Z-000001', [result('t', 'a', 'fail', 1)]), undefined)).toEqual({
      id: '20260101T000000Z-000001',
      previousId: undefined,
      better: [],
      worse: [],
      unchanged: 0,
    });
  });
});
