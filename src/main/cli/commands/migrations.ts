import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { MigrationRun } from '../../../shared/model/migrations';
import type { CliContext } from '../cli-context';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { confirm } from '../prompt';
import { targetInput, tenantList } from '../cli-options';
import { acrossProfiles, type CommandRunner } from '../run-command';
import { followJob } from '../wait-job';
import { PASSPHRASE_HELP, passphraseFrom } from './passphrase';
import { compareText, planText, runText, statusText } from './migrations-text';

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new AppError('VALIDATION_FAILED', `${flag} must be a whole number from 1 to 64.`, undefined, { field: flag });
  return n;
}

function wholeNumber(value: string | undefined, flag: string, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()))
    throw new AppError('PARAM_INVALID', `${flag} must be a whole number, not "${value}".`, undefined, { field });
  return Number(value.trim());
}

/** --canary K (the first K tenants by schema name) or --canary a,b (these tenants). */
function canaryOf(value: string | undefined): number | string[] | undefined {
  if (value === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** --pause-between 30 or 30s (CLI.md). */
function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*s?\s*$/.exec(value);
  if (!m)
    throw new AppError('PARAM_INVALID', `--pause-between takes seconds (30 or 30s), not "${value}".`, undefined, {
      field: 'pauseBetweenSeconds',
    });
  return Number(m[1]);
}

/** Follows the job (Ctrl-C cancels it: running transactions roll back); a cancelled run still reports. */
async function followRun(ctx: CliContext, jobId: string): Promise<MigrationRun> {
  try {
    return await followJob<MigrationRun>(ctx, jobId, 'Cancelling: running transactions roll back…');
  } catch (e) {
    const summary = ctx.core.jobs.get(jobId);
    if (summary.state === 'cancelled' && summary.result) return summary.result as MigrationRun;
    throw e;
  }
}

/** The migrations area's commands (CLI.md "Commands"). */
export function addMigrationsCommands(program: Command, run: CommandRunner): void {
  program
    .command('status')
    .description('the migration matrix of every schema, from one read of all ledgers')
    .option('--compare <profile>', 'also compare with another profile (what ran there and not here)')
    .option('--check', 'exit 1 when a schema is behind, failed or drifted (missing tenants and orphans never fail it)')
    .option('--stop-on-error', 'with --profiles: stop at the first database that fails (default: run every one)')
    .action((o: { compare?: string; check?: boolean; stopOnError?: boolean }) =>
      acrossProfiles(
        run,
        o,
      )(async (ctx) => {
        const { input } = await targetInput(ctx);
        const status = await ctx.call('migrations.status', input);
        for (const w of status.warnings) ctx.out.warn(w);
        const other = o.compare ? ctx.core.profiles.getByName(o.compare) : undefined;
        const comparison = other
          ? await ctx.call('migrations.compare', { ...input, otherProfileId: other.id })
          : undefined;
        ctx.out.result(comparison ? { ...status, compare: comparison } : status, () =>
          [statusText(status), comparison ? `\n${compareText(comparison)}` : ''].join(''),
        );
        const c = status.counts;
        return o.check && c.behind + c.failed + c.drifted > 0 ? EXIT_FAILED : EXIT_OK;
      }),
    );

  program
    .command('migrate')
    .description('apply pending migrations: public first, then tenants in parallel, one transaction per tenant')
    .option('--dry-run', 'print the plan, then run each tenant in a transaction that is rolled back')
    .option('--tenants <a,b>', 'only these tenant schemas')
    .option('--schemas <a,b>', 'only these named schemas (tenantry.yaml schemas:), in their listed order')
    .option(
      '--parallel <k>',
      "sessions working at once (default: tenantry.yaml parallelism, else a quarter of the server's free connections, 2 to 8)",
    )
    .option('--continue-on-error', 'keep going after a tenant fails (default: stop starting new ones)')
    .option('--retry-failed', 'only the tenants whose last attempt failed')
    .option(
      '--repair',
      'record a no-transaction file whose index a stopped run already built (checked valid first; audited)',
    )
    .option('--lock-timeout <ms>', 'lock_timeout per transaction, in ms', '10000')
    .option('--statement-timeout <ms>', 'statement_timeout per statement, in ms', '1800000')
    .option('--to <NNNN>', 'stop at this migration (later files stay pending)')
    .option(
      '--canary <K|a,b>',
      'staged rollout: the first K tenants by schema name, or these tenants, go first; a canary failure stops it',
    )
    .option('--wave-size <k>', 'staged rollout: tenants per wave after the canary')
    .option('--pause-between <seconds>', 'staged rollout: pause between waves (30 or 30s)')
    .option('--max-failures <f>', 'staged rollout: stop when more than F tenants have failed')
    .option('--check <check>', "staged rollout: run this check on each wave's tenants and stop when it fails")
    .option('--stop-on-error', 'with --profiles: stop at the first database that fails (default: run every one)')
    .option('--passphrase-stdin', PASSPHRASE_HELP)
    .action(
      (o: {
        stopOnError?: boolean;
        dryRun?: boolean;
        tenants?: string;
        schemas?: string;
        parallel?: string;
        continueOnError?: boolean;
        retryFailed?: boolean;
        repair?: boolean;
        lockTimeout: string;
        statementTimeout: string;
        to?: string;
        canary?: string;
        waveSize?: string;
        pauseBetween?: string;
        maxFailures?: string;
        check?: string;
        passphraseStdin?: boolean;
      }) =>
        acrossProfiles(
          run,
          o,
        )(async (ctx) => {
          const { profile, input } = await targetInput(ctx);
          const tenants = tenantList(o.tenants);
          const schemas = tenantList(o.schemas);
          const parallel = positiveInt(o.parallel, '--parallel');
          const staged = {
            to: wholeNumber(o.to, '--to', 'to'),
            canary: canaryOf(o.canary),
            waveSize: wholeNumber(o.waveSize, '--wave-size', 'waveSize'),
            pauseBetweenSeconds: seconds(o.pauseBetween),
            maxFailures: wholeNumber(o.maxFailures, '--max-failures', 'maxFailures'),
            check: o.check,
          };
          const prompted = !o.dryRun && !ctx.opts.yes && !ctx.opts.json && Boolean(process.stdin.isTTY);
          if (prompted) {
            const plan = await ctx.call('migrations.plan', {
              ...input,
              tenants,
              schemas,
              retryFailed: Boolean(o.retryFailed),
            });
            process.stderr.write(planText(plan) + '\n');
            if (!plan.schemas.length) {
              ctx.out.result({ plan }, () => 'Nothing to do: every chosen schema is up to date.');
              return EXIT_OK;
            }
            if (
              !(await confirm(
                `Apply to ${plan.schemas.length} schema(s) on ${profile.name} (${profile.environment})? [y/N] `,
              ))
            ) {
              ctx.out.warn('Nothing was applied.');
              return EXIT_USAGE;
            }
          }
          const { jobId } = await ctx.call('migrations.apply', {
            ...input,
            tenants,
            schemas,
            parallel,
            dryRun: Boolean(o.dryRun),
            continueOnError: Boolean(o.continueOnError),
            retryFailed: Boolean(o.retryFailed),
            repair: Boolean(o.repair),
            confirmDatabase: ctx.opts.confirmDatabase,
            confirmDestructive: Boolean(ctx.opts.yes),
            passphrase: await passphraseFrom(o.passphraseStdin),
            lockTimeoutMs: Number(o.lockTimeout),
            statementTimeoutMs: Number(o.statementTimeout),
            ...Object.fromEntries(Object.entries(staged).filter(([, v]) => v !== undefined)),
          });
          const result = await followRun(ctx, jobId);
          // The plan goes first (a pipeline reviews it in the log), unless the prompt already showed it.
          ctx.out.result(result, () =>
            [result.plan && !prompted ? `${planText(result.plan)}\n` : '', runText(result)].join(''),
          );
          return result.failed.length || result.cancelled || result.stopped ? EXIT_FAILED : EXIT_OK;
        }),
    );

  program
    .command('rollback <name>')
    .description('undo NAME and every newer applied migration on the chosen tenants, newest first, with down files')
    .option('--tenants <a,b>', 'the tenant schemas to roll back')
    .option('--schemas <a,b>', 'the named schemas to roll back (each against its own migrations/<schema>/)')
    .action((name: string, o: { tenants?: string; schemas?: string }) =>
      run(async (ctx) => {
        const { input } = await targetInput(ctx);
        const targets = [...(tenantList(o.schemas) ?? []), ...(tenantList(o.tenants) ?? [])];
        if (!targets.length)
          throw new AppError(
            'VALIDATION_FAILED',
            'rollback needs --tenants a,b or --schemas a,b.',
            'Name the schemas to roll back; nothing was changed.',
            { field: 'tenants' },
          );
        const { jobId } = await ctx.call('migrations.rollback', {
          ...input,
          name,
          tenants: targets,
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        const result = await followRun(ctx, jobId);
        ctx.out.result(result, () => runText(result));
        return result.failed.length || result.cancelled ? EXIT_FAILED : EXIT_OK;
      }),
    );
}
