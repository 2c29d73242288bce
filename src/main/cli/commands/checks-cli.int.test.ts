import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../shared/model/checks';
import { runCli } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../../core/app-root';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
const cli = (args: string[]) => runCli(['--url', db.url, '--project', sampleProjectDir(), ...args], { home: home.dir });

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_verify_cli');
  home = tempHome();
  expect(
    runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '6', '--students', '10'], { home: home.dir }).code,
  ).toBe(0);
});
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

describe('tenantry verify', () => {
  it('prints one JSON document with checks and per-tenant results, and exits 1 when an error check fails', () => {
    const run = cli(['verify', '--json']);
    expect(run.code).toBe(1);
    const env = run.json<CheckReport>();
    expect(env.ok).toBe(true);
    const failing = env.data.results.filter((r) => r.check === 'student_without_enrollment' && r.status === 'fail');
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({ count: 1, rows: [expect.objectContaining({ student_id: '1' })] });
    expect(env.data.checks.map((c) => c.id)).toContain('enrollment_ratio');
    expect(run.stderr).toMatch(/\[\d+\/\d+\]/);
  });

  it('exits 0 when only warnings and info find rows', () => {
    const run = cli(['verify', 'enrollment_ratio', 'enrollment_without_student', '--json']);
    expect(run.json<CheckReport>().data.results.some((r) => r.status === 'fail')).toBe(true);
    expect(run.code).toBe(0);
  });

  it('prints CSV, Markdown or HTML with --format', () => {
    expect(cli(['verify', 'student_without_enrollment', '--format', 'csv']).stdout.split('\r\n')[0]).toBe(
      'run,tenant,check,severity,status,count,reason,error_code,error,first_row',
    );
    expect(cli(['verify', 'student_without_enrollment', '--format', 'md']).stdout).toMatch(
      /^# Verification report \d{8}T/,
    );
    expect(cli(['verify', 'student_without_enrollment', '--format', 'html']).stdout).toMatch(/^<!doctype html>/);
    const bad = cli(['verify', '--format', 'xml', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers bad usage with exit 2: unknown check, unknown parameter', () => {
    const unknown = cli(['verify', 'no_such_check', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.json().error.code).toBe('CHECK_NOT_FOUND');
    const param = cli(['verify', 'student_without_enrollment', '--param', 'tolerance=1', '--json']);
    expect(param.code).toBe(2);
    expect(param.json().error.code).toBe('PARAM_INVALID');
    expect(
      cli(['verify', 'enrollment_ratio', '--param', 'tolerance=2', '--json'])
        .json<CheckReport>()
        .data.results.every((r) => r.status !== 'fail'),
    ).toBe(true);
  });

  it('--fix without --yes is refused (exit 3); with --yes it fixes, verifies again and exits 0', () => {
    const refused = cli(['verify', 'student_without_enrollment', '--fix', '--json']);
    expect(refused.code).toBe(3);
    expect(refused.json().error.code).toBe('CONFIRMATION_REQUIRED');
    const fixed = cli(['verify', 'student_without_enrollment', 'tenant_without_tokens', '--fix', '--yes', '--json']);
    expect(fixed.code).toBe(0);
    const data = fixed.json<CheckReport & { fixes: { check: string; allPassing: boolean }[]; firstRunId: string }>()
      .data;
    expect(data.fixes.map((f) => [f.check, f.allPassing])).toEqual([
      ['student_without_enrollment', true],
      ['tenant_without_tokens', true],
    ]);
    expect(data.passed).toBe(true);
    expect(data.firstRunId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(cli(['verify', 'student_without_enrollment']).code).toBe(0);
  });
});
