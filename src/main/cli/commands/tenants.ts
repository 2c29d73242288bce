import { promises as fs } from 'node:fs';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { TENANT_FILTERS } from '../../../shared/model/choices';
import type { CrossQueryResult, TenantList } from '../../../shared/model/tenants';
import type { CliContext } from '../cli-context';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { table } from '../output';
import { countFleet } from '../../../shared/model/fleet-counts';
import { countsLine } from '../counts-line';
import { targetInput } from '../cli-options';
import { acrossProfiles, type CommandRunner } from '../run-command';
import { waitForJob } from '../wait-job';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function parseSets(pairs: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new AppError(
        'VALIDATION_FAILED',
        `--set ${pair}: expected COLUMN=VALUE.`,
        'e.g. --set plan=pro --set max_agents=20',
        { field: 'set' },
      );
    values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return values;
}

async function target(ctx: CliContext) {
  return (await targetInput(ctx)).input;
}

const mb = (bytes: number | null) =>
  bytes === null
    ? ''
    : bytes < 1024 * 1024
      ? `${Math.ceil(bytes / 1024)} kB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The head line names the fleet in the one vocabulary; a filtered list says how many rows it kept instead. */
function listText(list: TenantList, filtered: boolean): string {
  const rows = list.tenants.map((t) => [
    t.schema,
    t.name,
    t.shared ? 'shared' : t.status,
    t.behind ?? '',
    mb(t.sizeBytes),
    t.tables ?? '',
    t.lastBackupAt ?? '',
    t.domains.join(' '),
  ]);
  const counts = filtered
    ? `${list.tenants.length} rows`
    : `${countsLine(countFleet(list.tenants))} = ${list.tenants.length} rows`;
  const head = `registry ${list.registry.kind} (${list.registry.source}) · ${counts} · ${list.queryMs} ms`;
  return [head, table(['schema', 'name', 'status', 'behind', 'size', 'tables', 'last backup', 'domains'], rows)].join(
    '\n',
  );
}

/** The tenants area's commands (CLI.md "Commands"). */
export function addTenantsCommands(program: Command, run: CommandRunner): void {
  const tenants = program.command('tenants').description('list, create, suspend, drop, clone and move tenants');

  tenants
    .command('list')
    .description('the registry reconciled with the catalog: states, behind, size, last backup')
    .addOption(new Option('--status <status>', 'only tenants in this state').choices([...TENANT_FILTERS]))
    .option('--stop-on-error', 'with --profiles: stop at the first database that fails (default: run every one)')
    .action((o: { status?: (typeof TENANT_FILTERS)[number]; stopOnError?: boolean }) =>
      acrossProfiles(
        run,
        o,
      )(async (ctx) => {
        const list = await ctx.call('tenants.list', { ...(await target(ctx)), status: o.status });
        for (const w of list.warnings) ctx.out.warn(w);
        ctx.out.result(list, () => listText(list, Boolean(o.status)));
        return EXIT_OK;
      }),
    );

  tenants
    .command('create <name>')
    .description('create a schema, apply every tenant migration and seed, and register it: all or nothing')
    .option('--schema <schema>', 'schema name (default tenant_<slug>_<suffix>)')
    .option('--domain <domain>', 'a domain (repeatable; the first is primary)', collect)
    .option('--set <column=value>', 'a registry column value (repeatable)', collect)
    .action((name: string, o: { schema?: string; domain?: string[]; set?: string[] }) =>
      run(async (ctx) => {
        const result = await ctx.call('tenants.create', {
          ...(await target(ctx)),
          name,
          schema: o.schema,
          domains: o.domain ?? [],
          values: parseSets(o.set),
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        for (const w of result.warnings) ctx.out.warn(w);
        ctx.out.result(
          result,
          () =>
            `created ${result.schema} ("${result.name}"): ${result.applied.length} migrations, ${result.seeds.length} seeds${result.domains.length ? `, domains ${result.domains.join(', ')}` : ''}`,
        );
      }),
    );

  for (const [verb, status] of [
    ['suspend', 'suspended'],
    ['reactivate', 'active'],
  ] as const) {
    tenants
      .command(`${verb} <schema>`)
      .description(`${verb} a tenant (native status, or the django-tenants is_active column)`)
      .action((schema: string) =>
        run(async (ctx) => {
          const result = await ctx.call('tenants.setStatus', {
            ...(await target(ctx)),
            schema,
            status,
            confirmDatabase: ctx.opts.confirmDatabase,
          });
          ctx.out.result(result, () => `${schema} is ${status}`);
        }),
      );
  }

  tenants
    .command('drop <schema>')
    .description('drop a tenant after a fresh backup; --confirm SCHEMA is required')
    .option('--confirm <schema>', 'type the schema name to confirm')
    .action((schema: string, o: { confirm?: string }) =>
      run(async (ctx) => {
        const result = await ctx.call('tenants.drop', {
          ...(await target(ctx)),
          schema,
          confirm: o.confirm ?? '',
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        ctx.out.result(result, () => `dropped ${schema}${result.backupId ? ` (backup ${result.backupId})` : ''}`);
      }),
    );

  tenants
    .command('forget <schema>')
    .description('remove the registry row of a tenant whose schema is missing')
    .action((schema: string) =>
      run(async (ctx) => {
        const result = await ctx.call('tenants.forget', {
          ...(await target(ctx)),
          schema,
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        ctx.out.result(result, () => `removed the registry row of ${schema}`);
      }),
    );

  tenants
    .command('adopt <schema>')
    .description('register an orphan schema')
    .option('--name <name>', 'display name (default: the schema name)')
    .option('--set <column=value>', 'a registry column value (repeatable)', collect)
    .action((schema: string, o: { name?: string; set?: string[] }) =>
      run(async (ctx) => {
        const result = await ctx.call('tenants.adopt', {
          ...(await target(ctx)),
          schema,
          name: o.name,
          values: parseSets(o.set),
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        ctx.out.result(result, () => `registered ${schema} as "${result.name}"`);
      }),
    );

  tenants
    .command('clone <schema>')
    .description('copy a tenant under a new schema name')
    .requiredOption('--as <new>', 'the new schema name')
    .action((schema: string, o: { as: string }) =>
      run(async (ctx) => {
        const { jobId } = await ctx.call('tenants.clone', {
          ...(await target(ctx)),
          schema,
          as: o.as,
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        const summary = await waitForJob(ctx, jobId);
        ctx.out.result(summary.result, () => `cloned ${schema} as ${o.as}`);
      }),
    );

  tenants
    .command('move <schema>')
    .description("move a tenant to another profile's server")
    .requiredOption('--to <profile>', 'the destination profile')
    .action((schema: string, o: { to: string }) =>
      run(async (ctx) => {
        const to = ctx.core.profiles.getByName(o.to);
        const { jobId } = await ctx.call('tenants.move', {
          ...(await target(ctx)),
          schema,
          toProfileId: to.id,
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        const summary = await waitForJob(ctx, jobId);
        ctx.out.result(summary.result, () => `moved ${schema} to ${o.to}`);
      }),
    );

  tenants
    .command('install-native')
    .description("opt in: install Tenantry's native registry (tenantry.tenants, tenantry.domains)")
    .action(() =>
      run(async (ctx) => {
        const { profileId } = await target(ctx);
        const result = await ctx.call('tenants.installNative', {
          profileId,
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        ctx.out.result(result, () =>
          result.applied.length ? `installed ${result.applied.join(', ')}` : 'the native registry is already installed',
        );
      }),
    );

  program
    .command('query <sql>')
    .description('run one read-only SELECT in every (or the chosen) tenant schema')
    .option('--tenants <list>', 'comma-separated tenant schemas')
    .option('--timeout <ms>', 'statement timeout per tenant in milliseconds', '10000')
    .option('--max-rows <n>', 'keep at most this many rows', '10000')
    .option('--parallel <k>', 'tenants queried at once')
    .option('--csv', 'print CSV instead of a table')
    .option('--out <file>', 'write the CSV to a file')
    .action(
      (
        sql: string,
        o: { tenants?: string; timeout: string; maxRows: string; parallel?: string; csv?: boolean; out?: string },
      ) =>
        run(async (ctx) => {
          const num = (v: string, field: string) => {
            const n = Number(v);
            if (!Number.isInteger(n) || n <= 0)
              throw new AppError('VALIDATION_FAILED', `--${field} must be a positive whole number.`, undefined, {
                field,
              });
            return n;
          };
          const { jobId } = await ctx.call('tenants.query', {
            ...(await target(ctx)),
            sql,
            tenants: o.tenants
              ? o.tenants
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : undefined,
            timeoutMs: num(o.timeout, 'timeout'),
            maxRows: num(o.maxRows, 'max-rows'),
            parallel: o.parallel ? num(o.parallel, 'parallel') : undefined,
          });
          const result = (await waitForJob(ctx, jobId)).result as CrossQueryResult;
          for (const t of result.tenants) if (t.error) ctx.out.warn(`${t.schema}: ${t.error.code}: ${t.error.message}`);
          if (result.truncated) ctx.out.warn(`showing ${result.rows.length} of ${result.rowCount} rows (--max-rows)`);
          // CSV only when asked for: a big result is not written twice.
          const csv = o.csv || o.out ? (await import('../../core/domain/csv')).toCsv(result.columns, result.rows) : '';
          if (o.out) await fs.writeFile(o.out, csv);
          ctx.out.result(result, () =>
            o.csv
              ? csv
              : `${table(
                  result.columns,
                  result.rows.map((r) =>
                    r.map((v) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))),
                  ),
                )}\n${result.rowCount} rows from ${result.tenants.length - result.failed} tenants${result.failed ? `, ${result.failed} failed` : ''} · ${result.ms} ms`,
          );
          return result.failed ? EXIT_FAILED : EXIT_OK;
        }),
    );
}
