import type { Output } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Step } from '../../../shared/model/checklists';
import { runCommandStep } from './command-step';
import { runRestoreStep } from './restore-step';
import type { RunStore } from './run-store';
import { runSqlAssert } from './sql-assert-step';
import { followJob, project, type StepContext, type StepOutcome } from './step-context';

type BackupEntry = Output<'backups.get'>;
type MigrationRun = {
  total: number;
  failed: string[];
  results: { schema: string; state: string; applied?: string[] }[];
  backupId?: string;
  skippedMissing: string[];
};
type CheckReport = Output<'checks.report'>;
type FixPreview = { tenants: { tenant: string; count: number; error?: unknown }[]; total: number };
type FixApply = { allPassing: boolean; outcomes: { tenant: string; status: string; changed: number }[] };

function fail(message: string, hint?: string): never {
  throw new AppError('STEP_FAILED', message, hint);
}

async function backup(ctx: StepContext, step: Extract<Step, { kind: 'backup' }>): Promise<StepOutcome> {
  const { jobId } = await ctx.deps.invoke('backups.create', {
    profileId: ctx.profile.id,
    scope: step.scope,
    reason: 'checklist',
  });
  const entry = await followJob<BackupEntry>(ctx, jobId);
  ctx.log(`backup ${entry.id}: ${entry.files.length} file(s), ${entry.schemas.length} schema(s)`);
  return {
    evidence: {
      backupId: entry.id,
      scope: entry.scope,
      schemas: entry.schemas.length,
      files: entry.files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })),
    },
  };
}

async function verifyBackup(ctx: StepContext, step: Extract<Step, { kind: 'verify-backup' }>): Promise<StepOutcome> {
  const source = ctx.run.steps.find(
    (s) => (step.backupStep ? s.id === step.backupStep : s.kind === 'backup') && s.evidence?.backupId,
  );
  const id = source?.evidence?.backupId as string | undefined;
  if (!id) fail('No backup step of this run has produced a backup to verify.', 'Run the backup step first.');
  const result = await ctx.deps.invoke('backups.verify', { id });
  for (const c of result.checks) ctx.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? `: ${c.detail}` : ''}`);
  if (!result.ok) fail(`Backup ${id} did not verify.`, 'Take a new backup before deploying.');
  return { evidence: { backupId: id, checks: result.checks } };
}

async function migrate(ctx: StepContext, step: Extract<Step, { kind: 'migrate' }>): Promise<StepOutcome> {
  const plan = await ctx.deps.invoke('migrations.plan', { profileId: ctx.profile.id, ...project(ctx) });
  const pending = plan.schemas.reduce((n, s) => n + s.pending.length, 0);
  ctx.log(`plan: ${pending} pending migration(s) in ${plan.schemas.filter((s) => s.pending.length).length} schema(s)`);
  const { jobId } = await ctx.deps.invoke('migrations.apply', {
    profileId: ctx.profile.id,
    ...project(ctx),
    continueOnError: step.continueOnError,
    confirmDatabase: ctx.confirmDatabase,
    confirmDestructive: true,
  });
  const run = await followJob<MigrationRun>(ctx, jobId);
  const applied = run.results.filter((r) => r.state === 'applied');
  const evidence = {
    pendingBefore: pending,
    tenants: run.total,
    applied: applied.length,
    failed: run.failed,
    skippedMissing: run.skippedMissing,
    backupId: run.backupId,
    perTenant: applied.slice(0, 500).map((r) => ({ schema: r.schema, applied: r.applied ?? [] })),
  };
  if (run.failed.length)
    throw Object.assign(
      new AppError(
        'STEP_FAILED',
        `${run.failed.length} tenant(s) failed to migrate: ${run.failed.slice(0, 5).join(', ')}`,
      ),
      { evidence },
    );
  return { evidence };
}

async function migrationStatus(ctx: StepContext): Promise<StepOutcome> {
  const status = await ctx.deps.invoke('migrations.status', { profileId: ctx.profile.id, ...project(ctx) });
  const behind = status.tenants.filter((t) => t.pending.length || t.failed.length || t.drifted.length);
  const evidence = {
    tenants: status.tenants.length,
    behind: behind.map((t) => t.schema),
    migrations: status.migrations,
  };
  if (behind.length)
    throw Object.assign(
      new AppError(
        'STEP_FAILED',
        `${behind.length} schema(s) are behind, failed or drifted: ${behind
          .slice(0, 5)
          .map((t) => t.schema)
          .join(', ')}`,
      ),
      { evidence },
    );
  ctx.log(`${status.tenants.length} schemas at the latest migration`);
  return { evidence };
}

async function runChecks(ctx: StepContext, checks: string[] | undefined): Promise<CheckReport> {
  const { jobId } = await ctx.deps.invoke('checks.run', {
    profileId: ctx.profile.id,
    ...project(ctx),
    ...(checks ? { checks } : {}),
  });
  return followJob<CheckReport>(ctx, jobId);
}

async function check(ctx: StepContext, step: Extract<Step, { kind: 'check' }>): Promise<StepOutcome> {
  let report = await runChecks(ctx, step.checks);
  const first = { reportId: report.id, totals: report.totals };
  ctx.log(
    `checks: ${report.totals.pass} pass, ${report.totals.fail} fail, ${report.totals.error} error, ${report.totals.not_applicable} n/a`,
  );
  const fixes: Record<string, unknown>[] = [];
  if (!report.passed && step.fix) {
    const failing = [
      ...new Set(report.results.filter((r) => r.status === 'fail' && r.severity === 'error').map((r) => r.check)),
    ];
    for (const name of failing) {
      const preview = await followJob<FixPreview>(
        ctx,
        (await ctx.deps.invoke('checks.fixPreview', { profileId: ctx.profile.id, ...project(ctx), check: name })).jobId,
      );
      const tenants = preview.tenants
        .filter((t) => !t.error && t.count > 0)
        .map((t) => ({ tenant: t.tenant, expected: t.count }));
      ctx.log(`fix ${name}: ${preview.total} row(s) in ${tenants.length} tenant(s)`);
      if (!tenants.length) continue;
      const applied = await followJob<FixApply>(
        ctx,
        (
          await ctx.deps.invoke('checks.fixApply', {
            profileId: ctx.profile.id,
            ...project(ctx),
            check: name,
            tenants,
            confirmDatabase: ctx.confirmDatabase,
          })
        ).jobId,
      );
      fixes.push({
        check: name,
        rows: preview.total,
        tenants: applied.outcomes.map((o) => ({ tenant: o.tenant, status: o.status, changed: o.changed })),
      });
    }
    report = await runChecks(ctx, step.checks);
    ctx.log(`after fix: ${report.totals.pass} pass, ${report.totals.fail} fail, ${report.totals.error} error`);
  }
  const evidence = { first, fixes, reportId: report.id, totals: report.totals, passed: report.passed };
  if (!report.passed)
    throw Object.assign(
      new AppError(
        'STEP_FAILED',
        `Verification failed: ${report.totals.fail} failing and ${report.totals.error} erroring tenant checks.`,
      ),
      { evidence },
    );
  return { evidence };
}

/** One function per automatic step kind; each returns the evidence the report shows. */
export async function executeStep(ctx: StepContext, runs: RunStore): Promise<StepOutcome> {
  const step = ctx.step;
  switch (step.kind) {
    case 'backup':
      return backup(ctx, step);
    case 'verify-backup':
      return verifyBackup(ctx, step);
    case 'migrate':
      return migrate(ctx, step);
    case 'migration-status':
      return migrationStatus(ctx);
    case 'check':
      return check(ctx, step);
    case 'sql-assert':
      return runSqlAssert(ctx, step);
    case 'command':
      return runCommandStep(ctx, step);
    case 'restore':
      return runRestoreStep(ctx, step, runs);
    case 'manual':
      throw new AppError('INTERNAL', 'A manual step is ticked, not executed.');
  }
}
