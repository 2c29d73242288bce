import { AppError } from '../../../shared/errors';
import type { PointInTimePreflight, PointInTimeResult } from '../../../shared/model/point-in-time';
import type { CliContext } from '../cli-context';
import { EXIT_OK } from '../exit-codes';
import { confirm } from '../prompt';
import { followJob } from '../wait-job';

function preflightText(p: PointInTimePreflight): string {
  const lines = [
    `Restore ${p.tenant} as it was at ${p.at} into ${p.targetSchema} on ${p.profileName} (${p.environment}, ${p.database})`,
  ];
  for (const c of p.checks) lines.push(`  ${c.status.padEnd(4)} ${c.name}: ${c.detail}`);
  return lines.join('\n');
}

/** `restore --tenant S --at TIME [--as NEW]`: checks, a confirmation, then the job (CLI.md "Restores"). */
export async function restoreAtTime(ctx: CliContext, o: { tenant?: string; at: string; as?: string }): Promise<number> {
  if (!o.tenant)
    throw new AppError(
      'VALIDATION_FAILED',
      'A point-in-time restore brings back one tenant: name it with --tenant SCHEMA.',
      'e.g. tenantry restore --tenant tenant_acme --at 2026-12-02T14:30:00Z',
      { field: 'tenant' },
    );
  const profile = await ctx.target();
  const input = {
    profileId: profile.id,
    tenant: o.tenant,
    at: o.at,
    as: o.as,
    confirmDatabase: ctx.opts.confirmDatabase,
  };
  const pre = await ctx.call('backups.pointInTimePreflight', input);
  ctx.out.progress(preflightText(pre));
  if (pre.ok && !ctx.opts.yes) {
    if (!process.stdin.isTTY || ctx.opts.json)
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        `Restoring ${pre.targetSchema} to ${pre.at} replaces its data.`,
        'Pass --yes to go ahead.',
      );
    if (!(await confirm(`Restore ${pre.targetSchema} on ${pre.profileName} to ${pre.at}? [y/N] `)))
      throw new AppError('CONFIRMATION_REQUIRED', 'Not confirmed; nothing was changed.');
  }
  const { jobId } = await ctx.call('backups.pointInTimeRestore', input);
  const result = await followJob<PointInTimeResult>(ctx, jobId);
  ctx.out.result({ ...result, preflight: pre }, () =>
    [
      `restored ${result.tenant} as it was at ${result.at} into ${result.targetSchema} in ${(result.durationMs / 1000).toFixed(1)} s; row counts match the recovered copy`,
      `  from backup ${result.backupSet}, WAL ${result.walRange.from} … ${result.walRange.to}`,
      `  the recovered copy is kept as backup ${result.backupId}`,
      result.safetyBackupId ? `  safety backup of the replaced data: ${result.safetyBackupId}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return EXIT_OK;
}
