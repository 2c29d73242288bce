import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { ActionReport } from '../../../shared/model/fleet';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { confirm } from '../prompt';
import { targetInput, tenantList } from '../cli-options';
import type { CommandRunner } from '../run-command';
import { waitForJob } from '../wait-job';
import { actionText, baselineText, diffText, undoText } from './fleet-text';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function paramPairs(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new AppError('PARAM_INVALID', `"${pair}" is not NAME=VALUE.`, 'e.g. --param max_agents=20', {
        field: 'param',
      });
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}

/** The fleet area's commands (CLI.md "Commands"). */
export function addFleetCommands(program: Command, run: CommandRunner): void {
  program
    .command('diff')
    .description('structural drift: fingerprint every tenant schema from one catalog read and explain the odd ones out')
    .option('--reference <schema>', 'compare against this schema (default: the majority fingerprint)')
    .option('--sql', 'also print the SQL that would bring each drifted tenant back (never run)')
    .action((o: { reference?: string; sql?: boolean }) =>
      run(async (ctx) => {
        const { input } = await targetInput(ctx);
        const result = await ctx.call('fleet.diff', { ...input, reference: o.reference });
        ctx.out.result(result, () => diffText(result, Boolean(o.sql)));
        return result.drifted.length ? EXIT_FAILED : EXIT_OK;
      }),
    );

  program
    .command('baseline')
    .description(
      'adopt an existing fleet: record migrations up to NNNN as baselined where the structure proves them, without running them',
    )
    .option('--to <NNNN>', 'the last migration to record')
    .option('--tenants <a,b>', 'only these tenant schemas')
    .option('--reference <schema>', 'the reference structure when the files cannot be applied to a scratch schema')
    .option('--undo', 'remove the baselined rows instead (applied rows are never touched)')
    .action((o: { to?: string; tenants?: string; reference?: string; undo?: boolean }) =>
      run(async (ctx) => {
        const { input } = await targetInput(ctx);
        const tenants = tenantList(o.tenants);
        if (o.undo) {
          const result = await ctx.call('fleet.baselineUndo', {
            ...input,
            tenants,
            confirmDatabase: ctx.opts.confirmDatabase,
          });
          ctx.out.result(result, () => undoText(result));
          return EXIT_OK;
        }
        if (!o.to)
          throw new AppError(
            'VALIDATION_FAILED',
            'baseline needs --to NNNN (or --undo).',
            'e.g. tenantry baseline --to 0006',
            { field: 'to' },
          );
        const result = await ctx.call('fleet.baseline', {
          ...input,
          to: o.to,
          tenants,
          reference: o.reference,
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        ctx.out.result(result, () => baselineText(result));
        return result.refused.length || result.failed.length ? EXIT_FAILED : EXIT_OK;
      }),
    );

  const action = program
    .command('action')
    .description("tenant actions: parameterised write SQL from the project's actions/");
  action
    .command('run <name>')
    .description('run actions/NAME.sql per tenant, each in its own transaction')
    .option('--tenants <a,b>', 'only these tenant schemas (default: every working tenant)')
    .option('--param <k=v>', 'a parameter value (repeatable)', collect, [])
    .option('--dry-run', 'preview: run in each tenant and roll back, showing the rows it would change')
    .option('--stop-on-error', 'stop at the first tenant that fails (default: the others go on)')
    .action((name: string, o: { tenants?: string; param: string[]; dryRun?: boolean; stopOnError?: boolean }) =>
      run(async (ctx) => {
        const { profile, input } = await targetInput(ctx);
        const base = {
          ...input,
          action: name,
          tenants: tenantList(o.tenants),
          params: paramPairs(o.param),
          stopOnError: Boolean(o.stopOnError),
          confirmDatabase: ctx.opts.confirmDatabase,
        };
        const follow = async (dryRun: boolean) =>
          (await waitForJob(ctx, (await ctx.call('fleet.runAction', { ...base, dryRun })).jobId))
            .result as ActionReport;
        if (!o.dryRun && !ctx.opts.yes && !ctx.opts.json && process.stdin.isTTY) {
          const preview = await follow(true);
          process.stderr.write(actionText(preview) + '\n');
          if (
            !(await confirm(
              `Run ${name} for real in ${preview.tenants.length} tenant(s) on ${profile.name} (${profile.environment})? [y/N] `,
            ))
          ) {
            ctx.out.warn('Nothing was changed.');
            return EXIT_USAGE;
          }
        }
        const report = await follow(Boolean(o.dryRun));
        ctx.out.result(report, () => actionText(report));
        return report.counts.failed ? EXIT_FAILED : EXIT_OK;
      }),
    );
}
