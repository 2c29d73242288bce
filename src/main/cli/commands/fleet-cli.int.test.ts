import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionReport, BaselineResult, DiffResult } from '../../../shared/model/fleet';
import { runCli } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import { sampleProjectDir } from '../../core/app-root';

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
const cli = (args: string[]) => runCli(['--url', db.url, '--project', sampleProjectDir(), ...args], { home: home.dir });
const tenant = (i: number) =>
  cli(['tenants', 'list', '--json'])
    .json<{ tenants: { schema: string; status: string; shared?: boolean }[] }>()
    .data.tenants.filter((t) => t.status === 'active' && !t.shared)[i].schema;

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_fleet_cli');
  home = tempHome();
  expect(
    runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '6', '--students', '10'], { home: home.dir }).code,
  ).toBe(0);
}, 180_000);
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

describe('tenantry diff / baseline / action run', () => {
  it('diff prints the CLI.md JSON and exits 1 when tenants drifted (the demo seeds two behind)', () => {
    const run = cli(['diff', '--json']);
    expect(run.code).toBe(1);
    const env = run.json<DiffResult>();
    expect(env.ok).toBe(true);
    expect(env.data.groups[0].tenants.length).toBeGreaterThan(2);
    expect(env.data.drifted).toHaveLength(2);
    expect(env.data.drifted[0].differences.join(' ')).toContain('missing column `is_active` on `clases_enrollment`');
  });

  it('diff --reference to a missing schema exits 2 with REFERENCE_NOT_FOUND', () => {
    const run = cli(['diff', '--reference', 'nope_schema', '--json']);
    expect(run.code).toBe(2);
    expect(run.json().error.code).toBe('REFERENCE_NOT_FOUND');
  });

  it('baseline past the last file exits 2 with BASELINE_REFUSED; a refused tenant makes it exit 1', () => {
    const past = cli(['baseline', '--to', '0042', '--json']);
    expect(past.code).toBe(2);
    expect(past.json().error.code).toBe('BASELINE_REFUSED');
    const run = cli(['baseline', '--to', '0006', '--json']);
    const env = run.json<BaselineResult>();
    expect(env.data.refused).toHaveLength(2);
    expect(run.code).toBe(1);
    const human = cli(['baseline', '--to', '0003']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Baseline up to 0003_student_group_index');
  });

  it('action run --dry-run previews; a wrong-typed --param exits 2 with PARAM_INVALID', () => {
    const a = tenant(0);
    const preview = cli([
      'action',
      'run',
      'change_quota',
      '--tenants',
      a,
      '--param',
      'max_agents=7',
      '--dry-run',
      '--json',
    ]);
    expect(preview.code).toBe(0);
    expect(preview.json<ActionReport>().data.tenants[0]).toMatchObject({
      tenant: a,
      state: 'previewed',
      rowsChanged: 1,
    });
    const bad = cli(['action', 'run', 'change_quota', '--tenants', a, '--param', 'max_agents=seven', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json().error.code).toBe('PARAM_INVALID');
    const real = cli(['action', 'run', 'rotate_tokens', '--tenants', a, '--yes']);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('1 done');
  });
});
