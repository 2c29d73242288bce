import type { Command } from 'commander';
import type { Output } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { table } from '../output';
import type { CommandRunner } from '../run-command';

type Snapshot = Output<'monitor.snapshot'>;

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

function growth(bytes: number | null): string {
  if (bytes === null) return '';
  return `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(0)} kB`;
}

function oneLine(text: string | null, max = 60): string {
  if (text === null) return '(hidden)';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function monitorText(s: Snapshot, profileLabel: string): string {
  const parts: string[] = [];
  parts.push(
    `${profileLabel} — PostgreSQL ${s.serverVersion}, ${mb(s.databaseBytes)} MB, taken ${s.takenAt}${s.previousAt ? ` (growth since ${s.previousAt})` : ''}`,
  );
  parts.push(
    s.alerts.length
      ? `\nALERTS (${s.alerts.length})\n${s.alerts.map((a) => `  ! ${a.message}`).join('\n')}`
      : '\nNo alerts.',
  );
  parts.push(
    `\nSIZE PER SCHEMA (largest first)\n${table(
      ['SCHEMA', 'TENANT', 'STATUS', 'MB', 'GROWTH'],
      s.sizes.slice(0, 25).map((z) => [z.schema, z.tenant ?? '', z.status, mb(z.bytes), growth(z.growthBytes)]),
    )}`,
  );
  if (s.sizes.length > 25) parts.push(`  … and ${s.sizes.length - 25} more (--json for all)`);
  const c = s.connections;
  parts.push(
    `\nCONNECTIONS ${c.total} of ${c.max} (${c.percent.toFixed(0)} %)\n  by state: ${c.byState.map((x) => `${x.key} ${x.count}`).join(', ')}\n  by application: ${c.byApplication.map((x) => `${x.key} ${x.count}`).join(', ')}`,
  );
  parts.push(
    s.longQueries.length
      ? `\nRUNNING QUERIES (longest first)\n${table(
          ['PID', 'USER', 'STATE', 'SECONDS', 'QUERY'],
          s.longQueries.map((q) => [
            q.pid,
            q.user ?? '',
            q.state ?? '',
            (q.durationMs / 1000).toFixed(1),
            oneLine(q.query),
          ]),
        )}`
      : '\nNo running queries.',
  );
  parts.push(
    s.blocking.length
      ? `\nBLOCKING LOCKS (who blocks whom)\n${table(
          ['BLOCKED', 'WAITING S', 'BLOCKED BY', 'BLOCKER STATE', 'BLOCKER QUERY'],
          s.blocking.map((b) => [
            b.blockedPid,
            (b.waitingMs / 1000).toFixed(1),
            b.blockingPid,
            b.blockingState ?? '',
            oneLine(b.blockingQuery),
          ]),
        )}`
      : '\nNo blocking locks.',
  );
  if (s.migrations.length)
    parts.push(
      `\nRECENT MIGRATIONS\n${table(
        ['SCHEMA', 'MIGRATION', 'STATE', 'APPLIED', 'MS'],
        s.migrations.slice(0, 10).map((m) => [m.schema, m.name, m.state, m.appliedAt, m.durationMs ?? '']),
      )}`,
    );
  if (s.backups.length)
    parts.push(
      `\nRECENT BACKUPS\n${table(
        ['ID', 'SCOPE', 'CREATED', 'MS', 'MB'],
        s.backups
          .slice(0, 10)
          .map((b) => [b.id, b.scope, b.createdAt, b.durationMs ?? '', b.bytes === null ? '' : mb(b.bytes)]),
      )}`,
    );
  for (const limit of s.limits) parts.push(`\nnote: ${limit}`);
  return parts.join('\n');
}

/** The monitor area's commands (CLI.md "Commands"): `tenantry monitor [--json]`. */
export function addMonitorCommands(program: Command, run: CommandRunner): void {
  program
    .command('monitor')
    .description(
      'sizes per schema, connections, running queries, blocking locks, recent migrations and backups; alerts exit 1',
    )
    .option('--schema-mb <n>', 'alert when a schema is over N MB', Number)
    .option('--query-seconds <n>', 'alert when a query runs over N seconds', Number)
    .option('--connections-percent <n>', 'alert when connections are over N % of max_connections', Number)
    .option('--cancel <pid>', 'cancel the statement of session PID (needs --yes)', Number)
    .option('--terminate <pid>', 'end session PID (needs --yes)', Number)
    .action(
      (o: {
        schemaMb?: number;
        querySeconds?: number;
        connectionsPercent?: number;
        cancel?: number;
        terminate?: number;
      }) =>
        run(async (ctx) => {
          const { call, out, opts } = ctx;
          const profile = await ctx.target();
          const target = o.terminate ?? o.cancel;
          if (target !== undefined) {
            if (!opts.yes)
              throw new AppError(
                'CONFIRMATION_REQUIRED',
                `${o.terminate !== undefined ? 'Ending' : 'Cancelling'} session ${target} needs confirmation.`,
                'Add --yes (and --confirm-database on production).',
              );
            const done = await call('monitor.cancelQuery', {
              profileId: profile.id,
              pid: target,
              terminate: o.terminate !== undefined,
              confirm: true,
              confirmDatabase: opts.confirmDatabase,
            });
            out.result(
              done,
              () =>
                `${done.action === 'cancel' ? 'Cancel' : 'Terminate'} signal ${done.signalled ? 'sent to' : 'not delivered to'} session ${done.pid}.`,
            );
            return done.signalled ? EXIT_OK : EXIT_FAILED;
          }
          const thresholds = {
            ...(o.schemaMb !== undefined ? { schemaMb: o.schemaMb } : {}),
            ...(o.querySeconds !== undefined ? { querySeconds: o.querySeconds } : {}),
            ...(o.connectionsPercent !== undefined ? { connectionsPercent: o.connectionsPercent } : {}),
          };
          const snapshot = await call('monitor.snapshot', { profileId: profile.id, thresholds });
          out.result(snapshot, () => monitorText(snapshot, `[${profile.environment}] ${profile.name}`));
          return snapshot.alerts.length ? EXIT_FAILED : EXIT_OK;
        }),
    );
}
