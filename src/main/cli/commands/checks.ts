import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { EXPORT_FORMATS } from '../../../shared/model/choices';
import type { CheckReport, ExportFormat, FixApply, FixPreview } from '../../../shared/model/checks';
import type { CliContext } from '../cli-context';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { confirm } from '../prompt';
import { acrossProfiles, type CommandRunner } from '../run-command';
import { followJob } from '../wait-job';
import { applyText, previewText, reportText } from './checks-text';

interface VerifyOptions {
  tenants?: string;
  format?: string;
  fix?: boolean;
  param?: string[];
  timeout?: string;
  parallel?: string;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length)
    throw new AppError(
      'VALIDATION_FAILED',
      '--tenants needs at least one schema name.',
      'e.g. --tenants tenant_a,tenant_b',
      { field: 'tenants' },
    );
  return items;
}

function wholeNumber(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AppError('VALIDATION_FAILED', `${flag} must be a whole number from ${min} to ${max}.`, undefined, {
      field: flag,
    });
  return n;
}

/** `--param NAME=VALUE` (every chosen check declaring NAME) or `--param CHECK.NAME=VALUE`. */
async function paramValues(
  ctx: CliContext,
  profileId: string,
  chosen: string[],
  given: string[],
): Promise<Record<string, Record<string, string>> | undefined> {
  if (!given.length) return undefined;
  const { checks } = await ctx.call('checks.list', { profileId, project: ctx.opts.project });
  const scope = chosen.length ? checks.filter((c) => chosen.includes(c.id) || chosen.includes(c.name)) : checks;
  const out: Record<string, Record<string, string>> = {};
  for (const item of given) {
    const m = /^(?:([^.=]+)\.)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(item);
    if (!m)
      throw new AppError(
        'PARAM_INVALID',
        `"${item}" is not NAME=VALUE.`,
        'e.g. --param tolerance=0.1 or --param enrollment_ratio.tolerance=0.1',
        { field: 'param' },
      );
    const [, check, name, value] = m;
    const targets = scope.filter((c) => (!check || c.id === check) && c.params.some((p) => p.name === name));
    if (!targets.length)
      throw new AppError(
        'PARAM_INVALID',
        `No chosen check takes the parameter "${check ? `${check}.` : ''}${name}".`,
        'See the "-- param:" headers in checks/.',
        { field: 'param' },
      );
    for (const c of targets) (out[c.id] ??= {})[name] = value;
  }
  return out;
}

/** Previews and applies the fix of every failing check that has one; returns what was applied. */
async function fixFailing(
  ctx: CliContext,
  profileId: string,
  report: CheckReport,
  params: Record<string, Record<string, string>> | undefined,
): Promise<FixApply[]> {
  const applied: FixApply[] = [];
  for (const check of report.checks.filter((c) => c.fix)) {
    const failing = report.results.filter((r) => r.check === check.id && r.status === 'fail').map((r) => r.tenant);
    if (!failing.length) continue;
    const preview = await followJob<FixPreview>(
      ctx,
      (
        await ctx.call('checks.fixPreview', {
          profileId,
          project: ctx.opts.project,
          check: check.id,
          tenants: check.scope === 'shared' ? undefined : failing,
          params,
        })
      ).jobId,
    );
    ctx.out.progress(previewText(preview));
    const ready = preview.tenants.filter((t) => !t.error && t.count > 0);
    if (!ready.length) continue;
    if (!ctx.opts.yes) {
      if (!process.stdin.isTTY)
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `Applying the fix of ${check.id} needs a yes.`,
          'Pass --yes to apply fixes without a prompt.',
        );
      if (!(await confirm(`Apply ${preview.fix} to ${ready.length} tenants (${preview.total} rows)? [y/N] `))) continue;
    }
    const result = await followJob<FixApply>(
      ctx,
      (
        await ctx.call('checks.fixApply', {
          profileId,
          project: ctx.opts.project,
          check: check.id,
          tenants: ready.map((t) => ({ tenant: t.tenant, expected: t.count })),
          params,
          confirmDatabase: ctx.opts.confirmDatabase,
        })
      ).jobId,
    );
    ctx.out.progress(applyText(result));
    applied.push(result);
  }
  return applied;
}

/** The checks area's commands (CLI.md "Commands"). */
export function addChecksCommands(program: Command, run: CommandRunner): void {
  program
    .command('verify')
    .description("run the project's checks over every tenant (read-only); exit 1 when a check of severity error fails")
    .argument('[check...]', 'check ids (file names in checks/ without .sql); all when omitted')
    .option('--tenants <a,b>', 'only these tenant schemas')
    .option('--format <fmt>', `print the report as ${EXPORT_FORMATS.join(' | ')}`)
    .option('--fix', 'preview and apply the fixes of failing checks, then verify again')
    .option(
      '--param <name=value>',
      'a check parameter (NAME=VALUE or CHECK.NAME=VALUE); repeatable',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--timeout <ms>', 'statement timeout per check and tenant, in milliseconds (default 30000)')
    .option('--parallel <k>', 'tenants checked at once (default: tenantry.yaml parallelism, else 4)')
    .option('--stop-on-error', 'with --profiles: stop at the first database that fails (default: run every one)')
    .action((checks: string[], o: VerifyOptions & { stopOnError?: boolean }) =>
      acrossProfiles(
        run,
        o,
      )(async (ctx) => {
        if (o.format !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(o.format)) {
          throw new AppError(
            'VALIDATION_FAILED',
            `Unknown format "${o.format}".`,
            `Use one of ${EXPORT_FORMATS.join(', ')}.`,
            { field: 'format' },
          );
        }
        const profile = await ctx.target();
        const params = await paramValues(ctx, profile.id, checks, o.param ?? []);
        const input = {
          profileId: profile.id,
          project: ctx.opts.project,
          checks: checks.length ? checks : undefined,
          tenants: list(o.tenants),
          params,
          timeoutMs: wholeNumber(o.timeout, '--timeout', 100, 3_600_000),
          parallel: wholeNumber(o.parallel, '--parallel', 1, 32),
        };
        let report = await followJob<CheckReport>(ctx, (await ctx.call('checks.run', input)).jobId);
        for (const s of report.skipped) ctx.out.warn(`skipped ${s.tenant}: ${s.reason}`);
        let fixes: FixApply[] | undefined;
        let firstRunId: string | undefined;
        if (o.fix) {
          fixes = await fixFailing(ctx, profile.id, report, params);
          if (fixes.length) {
            firstRunId = report.id;
            report = await followJob<CheckReport>(ctx, (await ctx.call('checks.run', input)).jobId);
          }
        }
        const comparison = await ctx.call('checks.compare', { id: report.id });
        if (o.format && !ctx.out.json) {
          process.stdout.write(
            (await ctx.call('checks.export', { id: report.id, format: o.format as ExportFormat })).content,
          );
        } else {
          ctx.out.result({ ...report, comparison, ...(fixes ? { fixes, firstRunId } : {}) }, () => reportText(report));
        }
        return report.passed ? EXIT_OK : EXIT_FAILED;
      }),
    );
}
