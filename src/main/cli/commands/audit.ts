import { Command, Option } from 'commander';
import { AUDIT_RESULTS } from '../../../shared/model/choices';
import { table } from '../output';
import type { CommandRunner } from '../run-command';

interface FilterOptions {
  action?: string;
  result?: (typeof AUDIT_RESULTS)[number];
  since?: string;
  until?: string;
  text?: string;
  limit?: number;
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--action <prefix>', 'only actions starting with this (e.g. migrations.)')
    .addOption(new Option('--result <result>').choices([...AUDIT_RESULTS]))
    .option('--since <iso>', 'from this time (ISO 8601)')
    .option('--until <iso>', 'up to this time (ISO 8601)')
    .option('--text <text>', 'free text in target, parameters or error')
    .option('--limit <n>', 'at most N lines (newest)', Number);
}

function filterFrom(o: FilterOptions, profile: string | undefined) {
  return {
    ...(o.action ? { action: o.action } : {}),
    ...(o.result ? { result: o.result } : {}),
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
    ...(o.text ? { text: o.text } : {}),
    ...(o.limit ? { limit: o.limit } : {}),
    // Audit commands need no connection: --profile NAME filters by profile here.
    ...(profile ? { profile } : {}),
  };
}

/** The audit area's commands (CLI.md "Commands"): `tenantry audit list | verify | export`, no connection needed. */
export function addAuditCommands(program: Command, run: CommandRunner): void {
  const cmd = new Command('audit').description(
    'the audit log of every change (app data folder, hash-chained JSON lines)',
  );

  withFilters(
    cmd.command('list').description('list audit lines, newest first (--profile NAME filters by profile)'),
  ).action((o: FilterOptions) =>
    run.offline(async ({ call, out, opts }) => {
      const { lines, total } = await call('audit.list', filterFrom(o, opts.profile));
      out.result({ lines, total }, () =>
        lines.length === 0
          ? 'The audit log is empty.'
          : table(
              ['AT', 'WHO', 'ENV', 'PROFILE', 'ACTION', 'TARGET', 'RESULT', 'MS'],
              lines.map((l) => [
                l.at,
                l.who,
                l.environment ?? '',
                l.profile ?? '',
                l.action,
                l.target ?? '',
                l.result,
                l.durationMs,
              ]),
            ) + (total > lines.length ? `\n(${lines.length} of ${total}; use --limit)` : ''),
      );
    }),
  );

  cmd
    .command('verify')
    .description('recompute every hash of the chain; names the first line that was edited, removed or added')
    .action(() =>
      run.offline(async ({ call, out }) => {
        const result = await call('audit.verify', {});
        if (!result.ok) throw (await import('../../core/audit/audit-read-handlers')).tamperedError(result);
        out.result(result, () => `The audit log verifies: ${result.lines} line(s) in ${result.files.length} file(s).`);
      }),
    );

  withFilters(cmd.command('export').description('export the audit log (CSV by default) to stdout or --out FILE'))
    .addOption(new Option('--format <format>').choices(['csv', 'jsonl']).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action((o: FilterOptions & { format: 'csv' | 'jsonl'; out?: string }) =>
      run.offline(async ({ call, out, opts }) => {
        const exported = await call('audit.export', { ...filterFrom(o, opts.profile), format: o.format });
        if (o.out) {
          await (await import('../../core/atomic-file')).writeFileAtomic(o.out, exported.content);
          out.result(
            { file: o.out, format: exported.format, count: exported.count },
            () => `Wrote ${exported.count} line(s) to ${o.out}.`,
          );
        } else if (out.json) out.result(exported, () => '');
        else await new Promise<void>((resolve) => process.stdout.write(exported.content, () => resolve()));
      }),
    );
  program.addCommand(cmd);
}
