import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcrossProfilesReport } from './across-profiles';
import { runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';
import { sampleProjectDir } from '../core/app-root';
import { createCore } from '../core/create-core';

/** Two databases (say, two servers) as two profiles; the second one's project holds a migration that fails. */
let eu: TestDatabase;
let us: TestDatabase;
let home: ReturnType<typeof tempHome>;
let broken: string;
const cli = (args: string[]) => runCli(args, { home: home.dir });

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  [eu, us] = await Promise.all([createTestDatabase('tenantry_fleet_eu'), createTestDatabase('tenantry_fleet_us')]);
  home = tempHome();
  broken = mkdtempSync(path.join(tmpdir(), 'tenantry-broken-'));
  cpSync(sampleProjectDir(), broken, { recursive: true });
  writeFileSync(
    path.join(broken, 'migrations', 'tenant', '0099_broken.sql'),
    'ALTER TABLE no_such_table ADD COLUMN x int;\n',
  );
  for (const db of [eu, us])
    expect(cli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '3', '--students', '5']).code).toBe(0);
  expect(cli(['profiles', 'add', 'eu', '--uri', eu.url, '--project', sampleProjectDir()]).code).toBe(0);
  expect(cli(['profiles', 'add', 'us', '--uri', us.url, '--project', broken]).code).toBe(0);
}, 240_000);
afterAll(async () => {
  await Promise.all([eu.drop(), us.drop()]);
  home.cleanup();
  rmSync(broken, { recursive: true, force: true });
});

describe('--profiles: several databases as one fleet', () => {
  it('status over two profiles: one report grouped by profile, the worst exit code', () => {
    const run = cli(['--profiles', 'eu,us', 'status', '--check', '--json']);
    expect(run.code).toBe(1);
    const report = run.json<AcrossProfilesReport>().data;
    expect(report.profiles.map((p) => [p.profile, p.database, p.exitCode])).toEqual([
      ['eu', eu.name, 0],
      ['us', us.name, 1],
    ]);
    expect((report.profiles[1].tenants as { pending: string[] }[]).some((t) => t.pending.includes('0099_broken'))).toBe(
      true,
    );
    expect(report.total).toMatchObject({ profiles: 2, ok: 1, failed: 1, exitCode: 1 });
    // Warnings name their database (the demo fleet has a registered tenant without a schema).
    expect(run.stderr).toContain('warning: us: ');
  });

  it('migrate over two profiles: the failing database does not stop the other; each keeps its own result', () => {
    const run = cli(['--profiles', 'us,eu', 'migrate', '--yes', '--json']);
    expect(run.code).toBe(1);
    const [usRun, euRun] = run.json<AcrossProfilesReport>().data.profiles;
    expect(usRun).toMatchObject({ profile: 'us', exitCode: 1 });
    expect(
      (usRun.results as { state: string; failedMigration?: string }[]).find((r) => r.state === 'failed')
        ?.failedMigration,
    ).toBe('0099_broken');
    expect(euRun).toMatchObject({ profile: 'eu', exitCode: 0, failed: [] });
    const human = cli(['--profiles', 'eu,us', 'status']);
    expect(human.stdout).toContain(`== eu (local) · ${eu.name}`);
    expect(human.stdout).toMatch(/total: 2 database\(s\) · 2 ok/);
  });

  it('--stop-on-error leaves the databases after a failure untouched, reported as not run', () => {
    const run = cli(['--profiles', 'us,eu', 'migrate', '--yes', '--stop-on-error', '--json']);
    expect(run.code).toBe(1);
    const report = run.json<AcrossProfilesReport>().data;
    expect(report.profiles[1]).toMatchObject({ profile: 'eu', skipped: true });
    expect(report.total).toMatchObject({ ok: 0, failed: 1, notRun: 1 });
  });

  it('verify, backup --fleet and tenants list run on both', () => {
    const verify = cli(['--profiles', 'eu,us', 'verify', 'registered_schema_missing', '--json']);
    expect(verify.json<AcrossProfilesReport>().data.profiles.map((p) => p.profile)).toEqual(['eu', 'us']);
    const backup = cli(['--profiles', 'eu,us', 'backup', '--fleet', '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    const ids = backup.json<AcrossProfilesReport>().data.profiles.map((p) => p.id);
    expect(new Set(ids).size).toBe(2);
    const list = cli(['--profiles', 'eu,us', 'tenants', 'list', '--json']);
    expect(list.code).toBe(0);
    const [euList, usList] = list
      .json<AcrossProfilesReport>()
      .data.profiles.map((p) => (p.tenants as { schema: string }[]).map((t) => t.schema).sort());
    expect(euList.length).toBeGreaterThan(3);
    expect(usList).toEqual(euList);
  });

  it('a group saved in the app (profile-groups.json) is taken as the --profiles name', async () => {
    const core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
    try {
      const ids = ['eu', 'us'].map((n) => core.profiles.getByName(n).id);
      expect(await core.api.call('profiles.saveGroup', { name: 'all-servers', profileIds: ids })).toMatchObject({
        ok: true,
      });
      expect(await core.api.call('profiles.groups', {})).toMatchObject({
        ok: true,
        data: [{ name: 'all-servers', profileIds: ids }],
      });
      expect(
        await core.api.call('profiles.saveGroup', {
          name: 'bad',
          profileIds: ['00000000-0000-4000-8000-000000000000'],
        }),
      ).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
    } finally {
      await core.close();
    }
    const run = cli(['--profiles', 'all-servers', 'status', '--json']);
    expect(run.json<AcrossProfilesReport>().data.profiles.map((p) => p.profile)).toEqual(['eu', 'us']);
  });

  it('--confirm-database a,b confirms each production database by its own name', () => {
    expect(
      cli([
        'profiles',
        'add',
        'eu-prod',
        '--uri',
        eu.url,
        '--environment',
        'production',
        '--project',
        sampleProjectDir(),
      ]).code,
    ).toBe(0);
    const refused = cli(['--profiles', 'eu-prod,eu', 'migrate', '--yes', '--json']);
    expect(refused.code).toBe(3);
    expect(
      refused.json<AcrossProfilesReport>().data.profiles.map((p) => [p.profile, p.exitCode, p.error?.code]),
    ).toEqual([
      ['eu-prod', 3, 'CONFIRMATION_REQUIRED'],
      ['eu', 0, undefined],
    ]);
    const confirmed = cli([
      '--profiles',
      'eu-prod,eu',
      'migrate',
      '--yes',
      '--confirm-database',
      `nope,${eu.name}`,
      '--json',
    ]);
    expect(confirmed.code, confirmed.stderr).toBe(0);
  });

  it('refuses --profiles on a command that runs on one database, and an unknown profile, before anything runs (exit 2)', () => {
    expect(cli(['--profiles', 'eu,us', 'rollback', '0006', '--tenants', 'x', '--json']).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    const unknown = cli(['--profiles', 'eu,nope', 'status', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.json().error.code).toBe('PROFILE_NOT_FOUND');
  });
});
