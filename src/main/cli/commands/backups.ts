import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { BackupEntry, BackupScope, Preflight, RestoreResult } from '../../../shared/model/backups';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { table } from '../output';
import { confirm } from '../prompt';
import { acrossProfiles, type CommandRunner } from '../run-command';
import { followJob } from '../wait-job';
import { PASSPHRASE_HELP, passphraseFrom } from './passphrase';

const kb = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function scopeOf(o: { tenant?: string[]; shared?: boolean; fleet?: boolean; database?: boolean }): BackupScope {
  const chosen = [
    o.tenant?.length ? 'tenant' : undefined,
    o.shared ? 'shared' : undefined,
    o.fleet ? 'fleet' : undefined,
    o.database ? 'database' : undefined,
  ].filter(Boolean) as BackupScope[];
  if (chosen.length !== 1)
    throw new AppError(
      'VALIDATION_FAILED',
      'Choose one scope: --tenant S (repeatable), --shared, --fleet or --database.',
      'e.g. tenantry backup --fleet --reason manual',
    );
  return chosen[0];
}

/** CLI.md: `backup` → { id, scope, schemas, files: [{ path, schemas, sha256, bytes }], file? }. */
export function backupData(e: BackupEntry) {
  const { manifest, ...rest } = e;
  return {
    ...rest,
    ...(e.files.length === 1 ? { file: e.files[0].path } : {}),
    tenants: manifest.map((m) => ({
      schema: m.schema,
      file: e.files[m.fileIndex]?.path,
      tables: m.tables,
      migrations: m.ledger.map((l) => l.name),
    })),
  };
}

function preflightText(p: Preflight): string {
  const lines = [
    `Restore ${p.source} from ${p.backupId} into ${p.targetSchema} on ${p.targetProfileName} (${p.environment}, ${p.database}) — ${p.mode}`,
  ];
  for (const c of p.checks) lines.push(`  ${c.status.padEnd(4)} ${c.name}: ${c.detail}`);
  if (p.replaces.length)
    lines.push(
      table(
        ['table', 'rows now', 'rows in backup'],
        p.replaces.map((r) => [r.table, r.rowsNow ?? '-', r.rowsInBackup ?? '-']),
      ).replace(/^/gm, '  '),
    );
  return lines.join('\n');
}

/** The backups area's commands (CLI.md "Commands"). */
export function addBackupsCommands(program: Command, run: CommandRunner): void {
  program
    .command('backup')
    .description(
      'pg_dump one or more tenants, the shared schema, the whole fleet or the whole database, into the catalog',
    )
    .option('--tenant <schema>', 'a tenant schema (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option(
      '--schema <schema>',
      'a named schema of the project, as its own backup (repeatable)',
      (v: string, acc: string[] = []) => [...acc, v],
    )
    .option('--shared', 'the shared public schema')
    .option('--fleet', 'every working tenant, in as few pg_dump runs as the lock table allows')
    .option('--database', 'the whole database')
    .option('--reason <reason>', 'manual | pre-migrate | pre-drop | pre-restore | checklist', 'manual')
    .option('--passphrase-stdin', PASSPHRASE_HELP)
    .option('--stop-on-error', 'with --profiles: stop at the first database that fails (default: run every one)')
    .action(
      (o: {
        tenant?: string[];
        schema?: string[];
        shared?: boolean;
        fleet?: boolean;
        database?: boolean;
        reason: string;
        passphraseStdin?: boolean;
        stopOnError?: boolean;
      }) =>
        acrossProfiles(
          run,
          o,
        )(async (ctx) => {
          // A named schema is backed up like one tenant: its own pg_dump -n, restorable with --tenant SCHEMA.
          if (o.schema?.length) o.tenant = [...(o.tenant ?? []), ...o.schema];
          const scope = scopeOf(o);
          const profile = await ctx.target();
          const passphrase = await passphraseFrom(o.passphraseStdin);
          const { jobId } = await ctx.call('backups.create', {
            profileId: profile.id,
            scope,
            schemas: o.tenant,
            reason: o.reason as never,
            passphrase,
          });
          const entry = await followJob<BackupEntry>(ctx, jobId);
          ctx.out.result(backupData(entry), () =>
            [
              `backup ${entry.id} (${entry.scope}, ${entry.schemas.length} schema(s), pg_dump ${entry.pgDumpVersion}${entry.encryption ? `, encrypted: ${entry.encryption.mode} ${entry.encryption.keyId}` : ''})`,
              ...entry.files.map((f) => `  ${f.path}  ${kb(f.bytes)}  sha256 ${f.sha256.slice(0, 16)}…`),
              ...(entry.copy
                ? [
                    entry.copy.state === 'ok'
                      ? `  copied to ${entry.copy.dir} (checksums verified)`
                      : `  warning: copy to ${entry.copy.dir} pending: ${entry.copy.error ?? ''}`,
                  ]
                : []),
            ].join('\n'),
          );
          return EXIT_OK;
        }),
    );

  const backups = program.command('backups').description('the backup catalog');
  backups
    .command('list')
    .description('backups in every catalog (or the --profile/--url one), newest first')
    .option('--tenant <schema>', 'only backups holding this schema')
    .action((o: { tenant?: string }) =>
      run.offline(async (ctx) => {
        // Listing needs no connection (CLI.md): --profile or --url only filters.
        const profileId = ctx.opts.profile || ctx.opts.url ? (await ctx.target()).id : undefined;
        const data = await ctx.call('backups.list', { profileId, tenant: o.tenant });
        ctx.out.result(data, () =>
          data.backups.length
            ? table(
                ['id', 'profile', 'scope', 'reason', 'schemas', 'size', 'created'],
                data.backups.map((b) => [
                  b.id,
                  b.profileName,
                  b.scope,
                  b.reason,
                  b.schemas.length === 1 ? b.schemas[0] : String(b.schemas.length),
                  kb(b.bytes) + (b.present ? '' : ' (missing)'),
                  b.createdAt,
                ]),
              )
            : 'No backups.',
        );
        return EXIT_OK;
      }),
    );
  backups
    .command('verify')
    .description('checksum every file and read it with pg_restore --list')
    .argument('<id>')
    .option('--passphrase-stdin', PASSPHRASE_HELP)
    .action((id: string, o: { passphraseStdin?: boolean }) =>
      run(async (ctx) => {
        const data = await ctx.call('backups.verify', { id, passphrase: await passphraseFrom(o.passphraseStdin) });
        ctx.out.result(data, () =>
          [
            `${data.id}: ${data.ok ? 'OK' : 'FAILED'}`,
            ...data.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
          ].join('\n'),
        );
        return data.ok ? EXIT_OK : EXIT_FAILED;
      }),
    );

  backups
    .command('sync-copies')
    .description("retry the copies to the profile's second destination (backupCopyDir) that are pending")
    .action(() =>
      run(async (ctx) => {
        const profile = await ctx.target();
        const data = await ctx.call('backups.syncCopies', { profileId: profile.id });
        ctx.out.result(data, () =>
          [
            `${data.copied.length} cop(ies) made and verified`,
            ...data.pending.map((p) => `  still pending ${p.id}: ${p.error}`),
          ].join('\n'),
        );
        return data.pending.length ? EXIT_FAILED : EXIT_OK;
      }),
    );

  program
    .command('restore')
    .description('restore a backup: the live schema is kept aside until the restored one is verified')
    .argument('[id]', 'the backup to restore (not with --at)')
    .option('--tenant <schema>', 'the schema to restore from a multi-schema backup')
    .option('--at <time>', "the tenant as it was at this time (ISO 8601 with its zone), from the profile's WAL archive")
    .option('--as <new>', 'restore under a new schema name (the live tenant is not touched)')
    .option('--to <profile>', 'restore into another profile')
    .option('--passphrase-stdin', PASSPHRASE_HELP)
    .action(
      (
        id: string | undefined,
        o: { tenant?: string; as?: string; to?: string; at?: string; passphraseStdin?: boolean },
      ) =>
        run(async (ctx) => {
          if (o.at !== undefined) {
            if (id || o.to)
              throw new AppError(
                'VALIDATION_FAILED',
                '--at restores from the WAL archive: give no backup id and no --to.',
                'tenantry restore --tenant SCHEMA --at TIME [--as NEW]',
              );
            return (await import('./point-in-time')).restoreAtTime(ctx, { ...o, at: o.at });
          }
          if (!id)
            throw new AppError(
              'VALIDATION_FAILED',
              'Name the backup to restore (tenantry backups list), or a time with --tenant S --at TIME.',
              'tenantry restore ID [--tenant S] [--as NEW]',
            );
          const toProfileId = o.to
            ? ctx.core.profiles.getByName(o.to).id
            : ctx.opts.profile || ctx.opts.url
              ? (await ctx.target()).id
              : undefined;
          const input = {
            id,
            tenant: o.tenant,
            as: o.as,
            toProfileId,
            confirmDatabase: ctx.opts.confirmDatabase,
            passphrase: await passphraseFrom(o.passphraseStdin),
          };
          const pre = await ctx.call('backups.preflight', input);
          ctx.out.progress(preflightText(pre));
          if (pre.ok && !ctx.opts.yes) {
            if (!process.stdin.isTTY || ctx.opts.json)
              throw new AppError(
                'CONFIRMATION_REQUIRED',
                `Restoring ${pre.targetSchema} replaces data.`,
                'Pass --yes to go ahead.',
              );
            if (!(await confirm(`Restore ${pre.targetSchema} on ${pre.targetProfileName}? [y/N] `)))
              throw new AppError('CONFIRMATION_REQUIRED', 'Not confirmed; nothing was changed.');
          }
          const { jobId } = await ctx.call('backups.restore', input);
          const result = await followJob<RestoreResult>(ctx, jobId);
          ctx.out.result({ ...result, preflight: pre }, () =>
            [
              `restored ${result.source} as ${result.targetSchema} (${result.mode}) in ${(result.durationMs / 1000).toFixed(1)} s; row counts match the backup`,
              result.safetyBackupId ? `  safety backup: ${result.safetyBackupId}` : '',
              result.asideKept ? `  the previous copy is kept as ${result.asideKept}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
          );
          return EXIT_OK;
        }),
    );
}
