import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../../test/pg-harness';
import type { Run } from '../../../shared/model/checklists';
import { sampleProjectDir } from '../app-root';
import { createCore, type Core } from '../create-core';
import { seedDemo, type SeedSummary } from '../sandbox/seed-demo';

let staging: TestDatabase;
let production: TestDatabase;
let home: ReturnType<typeof tempHome>;
let core: Core;
let seed: SeedSummary;
let stagingId: string;
let productionId: string;

async function ok<T>(reply: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

async function advance(runId: string, yesManual = false, confirmDatabase?: string): Promise<Run> {
  const { jobId } = await ok<{ jobId: string }>(
    core.api.call('checklists.advance', { runId, yesManual, confirmDatabase }),
  );
  const summary = await core.jobs.wait(jobId);
  if (summary.state !== 'succeeded') throw new Error(JSON.stringify(summary.error));
  return summary.result as Run;
}

async function ledgerCount(db: TestDatabase, schema: string): Promise<number> {
  const c = await db.client();
  return (await c.query(`SELECT count(*)::int AS n FROM "${schema}".tenantry_migrations WHERE state = 'applied'`))
    .rows[0].n;
}

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  staging = await createTestDatabase('tenantry_cl_staging');
  production = await createTestDatabase('tenantry_cl_prod');
  seed = await seedDemo(await staging.client(), { tenants: 6, studentsPerTenant: 20, projectDir: sampleProjectDir() });
  await seedDemo(await production.client(), { tenants: 6, studentsPerTenant: 20, projectDir: sampleProjectDir() });
  home = tempHome();
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  stagingId = (
    await core.profiles.add({
      ...staging.settings,
      name: 'staging',
      environment: 'staging',
      projectDir: sampleProjectDir(),
    })
  ).id;
  productionId = (
    await core.profiles.add({
      ...production.settings,
      name: 'production',
      environment: 'production',
      projectDir: sampleProjectDir(),
    })
  ).id;
});

afterAll(async () => {
  await core.close();
  await staging.drop();
  await production.drop();
  home.cleanup();
});

describe('the default staging runbook, end to end on real PostgreSQL and pg_dump', () => {
  let deployRun: Run;

  it('backs up, verifies, migrates, checks and fixes, then waits for the manual smoke tests', async () => {
    expect(await ledgerCount(staging, seed.behind[0])).toBeLessThan(6);
    const started = await ok<Run>(
      core.api.call('checklists.start', { profileId: stagingId, runbook: 'deploy-staging' }),
    );
    expect(started.state).toBe('running');
    const run = await advance(started.id);
    expect(run.state).toBe('waiting');
    const byId = Object.fromEntries(run.steps.map((s) => [s.id, s]));
    expect(byId.backup).toMatchObject({ state: 'succeeded', evidence: { backupId: expect.any(String) } });
    expect(byId['verify-backup'].state).toBe('succeeded');
    expect(byId.migrate).toMatchObject({ state: 'succeeded', evidence: { failed: [] } });
    expect(byId.status.state).toBe('succeeded');
    expect(byId.enrollments).toMatchObject({ state: 'succeeded', evidence: { passed: true } });
    expect((byId.enrollments.evidence!.fixes as unknown[]).length).toBe(1);
    expect(byId['smoke-login'].state).toBe('waiting');
    for (const schema of seed.behind) expect(await ledgerCount(staging, schema)).toBe(6);

    await expect(ok(core.api.call('checklists.tick', { runId: run.id, stepId: 'smoke-login' }))).rejects.toThrow(
      /PARAM_INVALID/,
    );
    await ok(
      core.api.call('checklists.tick', {
        runId: run.id,
        stepId: 'smoke-login',
        note: 'logged in as estudiante 1001, both groups visible',
      }),
    );
    expect((await advance(run.id)).steps.at(-1)!.state).toBe('waiting');
    await ok(core.api.call('checklists.tick', { runId: run.id, stepId: 'smoke-invite' }));
    deployRun = await advance(run.id);
    expect(deployRun.state).toBe('succeeded');

    const saved = JSON.parse(readFileSync(path.join(home.dir, 'runs', `${run.id}.json`), 'utf8'));
    expect(saved.state).toBe('succeeded');
    const report = await ok<{ content: string }>(core.api.call('checklists.report', { runId: run.id, format: 'md' }));
    expect(report.content).toContain(String(byId.backup.evidence!.backupId));
    expect(report.content).toContain('sha256');
    expect(report.content).toContain('logged in as estudiante 1001');
    const audit = await core.audit.readAll();
    expect(audit.filter((l) => l.action.startsWith('checklists.')).length).toBeGreaterThanOrEqual(6);
  });

  it('rolls back: the rollback runbook restores the pre-deploy backup of every tenant', async () => {
    const rollback = await ok<Run>(core.api.call('checklists.rollback', { runId: deployRun.id }));
    expect(rollback.rollsBack).toBe(deployRun.id);
    const done = await advance(rollback.id, true);
    expect(done.steps.find((s) => s.id === 'restore')?.error).toBeUndefined();
    expect(done.steps.find((s) => s.id === 'restore')).toMatchObject({
      state: 'succeeded',
      evidence: { restored: seed.schemas.length },
    });
    // Back to the pre-deploy state: the behind tenants are behind again, the missing Enrollment is missing again.
    expect(await ledgerCount(staging, seed.behind[0])).toBeLessThan(6);
    const c = await staging.client();
    const missing = await c.query(`SELECT count(*)::int AS n FROM "${seed.missingEnrollment}".evaluations_student s
      WHERE NOT EXISTS (SELECT 1 FROM "${seed.missingEnrollment}".clases_enrollment e WHERE e.user_id = s.user_id AND e.group_id = s.group_id)`);
    expect(missing.rows[0].n).toBe(1);
  });
});

describe('gates', () => {
  it("blocks production until staging ran the same migrations at least 24 h ago, reading staging's ledgers", async () => {
    const c = await staging.client();
    const schemas = (
      await c.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' OR nspname = 'public'`)
    ).rows.map((r) => r.nspname as string);
    const age = async (hours: number) => {
      for (const s of schemas)
        await c
          .query(`UPDATE "${s}".tenantry_migrations SET applied_at = now() - make_interval(hours => ${hours})`)
          .catch(() => undefined);
    };
    await age(3);
    const blocked = await ok<Run>(
      core.api.call('checklists.start', {
        profileId: productionId,
        runbook: 'deploy-production',
        confirmDatabase: production.name,
      }),
    );
    expect(blocked.state).toBe('blocked');
    expect(blocked.gates[0].message).toMatch(
      /production blocked: staging applied 000\d_\w+ only 3(\.0)? h ago; 21 h to go/,
    );

    await age(25);
    const passing = await ok<Run>(
      core.api.call('checklists.start', {
        profileId: productionId,
        runbook: 'deploy-production',
        confirmDatabase: production.name,
      }),
    );
    expect(passing.state).toBe('running');
    expect(passing.gates[0].ok).toBe(true);
  });

  it('refuses production without the typed database name, and a runbook made for another environment', async () => {
    await expect(
      ok(core.api.call('checklists.start', { profileId: productionId, runbook: 'deploy-production' })),
    ).rejects.toThrow(/CONFIRMATION_REQUIRED/);
    await expect(
      ok(
        core.api.call('checklists.start', {
          profileId: productionId,
          runbook: 'deploy-staging',
          confirmDatabase: production.name,
        }),
      ),
    ).rejects.toThrow(/GATE_BLOCKED/);
  });

  it('blocks, and says why, when the gate cannot be evaluated (no staging profile)', async () => {
    await core.api.call('profiles.update', { id: stagingId, changes: { name: 'staging-renamed' } });
    const blocked = await ok<Run>(
      core.api.call('checklists.start', {
        profileId: productionId,
        runbook: 'deploy-production',
        confirmDatabase: production.name,
      }),
    );
    expect(blocked.state).toBe('blocked');
    expect(blocked.gates[0].message).toContain('cannot be evaluated');
    await core.api.call('profiles.update', { id: stagingId, changes: { name: 'staging' } });
  });
});

describe('resume after the process is killed', () => {
  it('re-checks an interrupted step instead of re-running it blindly', async () => {
    const runbook = path.join(home.dir, 'slow.yaml');
    writeFileSync(
      runbook,
      [
        'title: Slow deploy',
        'environments: [staging]',
        'steps:',
        '  - {id: status-before, kind: sql-assert, title: Reachable, sql: "SELECT 1", expect: {equals: 1}}',
        '  - {id: slow, kind: command, title: A long command, program: sleep, args: ["30"]}',
        '  - {id: after, kind: manual, title: After}',
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [CLI, '--profile', 'staging', 'checklist', 'run', runbook], {
      env: { ...process.env, TENANTRY_HOME: home.dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const runsDir = path.join(home.dir, 'runs');
    let run: Run | undefined;
    for (let i = 0; i < 300 && !run; i++) {
      await new Promise((r) => setTimeout(r, 100));
      // Only the run files: a `.lock` folder stands beside a run while a process writes it.
      for (const f of readdirSync(runsDir).filter((n) => n.endsWith('.json'))) {
        const r = JSON.parse(readFileSync(path.join(runsDir, f), 'utf8')) as Run;
        if (r.runbookId === 'slow' && r.steps[1].state === 'running') run = r;
      }
    }
    expect(run, stderr).toBeDefined();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const resumed = await advance(run!.id);
    expect(resumed.steps[0].state).toBe('succeeded');
    expect(resumed.steps[1]).toMatchObject({
      state: 'failed',
      error: { message: expect.stringContaining('Interrupted') },
    });
    expect(resumed.state).toBe('failed');
    expect(resumed.events.some((e) => e.text.includes('interrupted'))).toBe(true);
  });
});
