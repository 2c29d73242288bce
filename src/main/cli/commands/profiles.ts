import { promises as fs } from 'node:fs';
import { Command, Option } from 'commander';
import { ENVIRONMENTS, SSL_MODES } from '../../../shared/model/choices';
import type { CommandRunner } from '../run-command';
import { ct } from '../cli-messages';
import { table } from '../output';

export function profilesCommand(run: CommandRunner): Command {
  const cmd = new Command('profiles').description(
    'connection profiles (kept in the app data folder; secrets in the OS keychain)',
  );

  cmd
    .command('list')
    .description('list saved profiles')
    .action(() =>
      run.offline(async ({ call, out }) => {
        const profiles = await call('profiles.list', {});
        out.result(profiles, () =>
          profiles.length === 0
            ? ct('profiles.none')
            : table(
                [
                  ct('profiles.head.name'),
                  ct('profiles.head.env'),
                  ct('profiles.head.target'),
                  ct('profiles.head.readOnly'),
                  ct('profiles.head.password'),
                ],
                profiles.map((p) => [
                  p.name,
                  p.environment,
                  `${p.user}@${p.host}:${p.port}/${p.database}`,
                  p.readOnly ? ct('profiles.yes') : '',
                  p.hasPassword ? p.secretStorage : '',
                ]),
              ),
        );
      }),
    );

  cmd
    .command('add <name>')
    .description('add a profile (the password is read from stdin with --password-stdin, never from the command line)')
    .option('--uri <url>', 'postgres://user@host:port/db?sslmode=…')
    .option('--host <host>')
    .option('--port <port>', 'port', (v) => Number(v))
    .option('--database <db>')
    .option('--user <user>')
    .addOption(new Option('--environment <env>', 'environment tag').choices([...ENVIRONMENTS]))
    .addOption(new Option('--sslmode <mode>').choices([...SSL_MODES]))
    .option('--ca-file <file>', 'CA certificate for verify-ca / verify-full')
    .option('--read-only', 'sessions run with default_transaction_read_only = on')
    .option('--project-dir <dir>', 'the project folder (migrations, checks, runbooks)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--ssh-host <host>', 'connect through an SSH tunnel via this bastion host')
    .option('--ssh-port <port>', 'SSH port', (v) => Number(v))
    .option('--ssh-user <user>', 'SSH user on the bastion')
    .option('--ssh-key <file>', 'SSH private key file')
    .option('--ssh-agent', 'use the SSH agent')
    .option('--ssh-known-hosts <file>', 'known_hosts file (default ~/.ssh/known_hosts)')
    .option('--audit-to-database', 'also write the audit log to tenantry.audit_log in this database')
    .option('--backup-before-migrate', 'take a fleet backup before every migrate (always on production)')
    .option('--backup-fresh-minutes <n>', 'a fleet backup this young counts as the backup before migrate', (v) =>
      Number(v),
    )
    .option('--pgbackrest-config <file>', "the cluster's pgBackRest config file, for point-in-time restores")
    .option('--pgbackrest-stanza <name>', 'the pgBackRest stanza of this database')
    .option(
      '--pg-server-bin <dir>',
      "PostgreSQL server programs of the archive's version (default: the usual install folders)",
    )
    .action((name: string, o) =>
      run(async ({ call, out, opts }) => {
        const fromUri = o.uri
          ? (await import('../connection-target')).settingsFromUrl(o.uri, o.environment ?? opts.env ?? 'local')
          : undefined;
        const password = o.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : fromUri?.password;
        const base = fromUri?.settings ?? {};
        const profile = await call('profiles.add', {
          ...base,
          name,
          ...(o.host ? { host: o.host } : {}),
          ...(o.port ? { port: o.port } : {}),
          ...(o.database ? { database: o.database } : {}),
          ...(o.user ? { user: o.user } : {}),
          ...(o.environment || opts.env ? { environment: o.environment ?? opts.env } : {}),
          ...(o.sslmode ? { sslmode: o.sslmode } : {}),
          ...(o.caFile ? { sslrootcert: o.caFile } : {}),
          ...(o.readOnly ? { readOnly: true } : {}),
          ...(opts.registry ? { registry: opts.registry } : {}),
          ...((o.projectDir ?? opts.project) ? { projectDir: o.projectDir ?? opts.project } : {}),
          ...(o.auditToDatabase ? { auditToDatabase: true } : {}),
          ...(o.backupBeforeMigrate ? { backupBeforeMigrate: true } : {}),
          ...(o.backupFreshMinutes ? { backupFreshMinutes: o.backupFreshMinutes } : {}),
          ...archiveSettings(o),
          ...(o.sshHost
            ? {
                ssh: {
                  host: o.sshHost,
                  port: o.sshPort ?? 22,
                  user: o.sshUser ?? '',
                  agent: Boolean(o.sshAgent),
                  ...(o.sshKey ? { keyFile: o.sshKey } : {}),
                  ...(o.sshKnownHosts ? { knownHostsFile: o.sshKnownHosts } : {}),
                },
              }
            : {}),
          ...(password ? { password } : {}),
        });
        out.result(
          profile,
          () =>
            ct('profiles.added', { name: profile.name, env: profile.environment }) +
            (profile.secretStorage === 'memory' ? ct('profiles.memoryOnly') : ''),
        );
      }),
    );

  cmd
    .command('edit <name>')
    .description("change a profile's point-in-time archive settings (an empty value clears one)")
    .option('--pgbackrest-config <file>', "the cluster's pgBackRest config file")
    .option('--pgbackrest-stanza <name>', 'the pgBackRest stanza of this database')
    .option('--pg-server-bin <dir>', "PostgreSQL server programs of the archive's version")
    .action((name: string, o: ArchiveOptions) =>
      run(async ({ call, out, core }) => {
        const profile = core.profiles.getByName(name);
        const given = {
          pgbackrestConfig: o.pgbackrestConfig,
          pgbackrestStanza: o.pgbackrestStanza,
          pgServerBinDir: o.pgServerBin,
        };
        const changes = Object.fromEntries(
          Object.entries(given).flatMap(([k, v]) => (v === undefined ? [] : [[k, v === '' ? null : v]])),
        );
        const updated = await call('profiles.update', { id: profile.id, changes });
        out.result(updated, () => ct('profiles.edited', { name: updated.name }));
      }),
    );

  cmd
    .command('test [name]')
    .description('connect and report server version, latency, registry and ledgers')
    .action((name: string | undefined) =>
      run(async (ctx) => {
        const profile = await ctx.target(name ? { ...ctx.opts, profile: name } : ctx.opts);
        const tested = await ctx.call('profiles.test', { id: profile.id });
        const archive = profile.pgbackrestConfig
          ? await ctx.call('backups.archiveInfo', { profileId: profile.id })
          : undefined;
        const result = { ...tested, ...(archive ? { archive } : {}) };
        ctx.out.result(result, () =>
          [
            ct('profiles.connected', {
              target: `${result.user}@${profile.host}:${profile.port}/${result.database}`,
              env: profile.environment,
            }),
            ct('profiles.server', { version: result.serverVersion, tls: result.tls ? ' (TLS)' : '' }),
            ct('profiles.latency', { ms: result.latencyMs }),
            ct('profiles.registry', {
              kind: result.registry.kind,
              source: result.registry.source,
              count: result.registry.tenantCount,
            }),
            ct('profiles.ledgers', { tenantry: result.ledgers.tenantry, django: result.ledgers.django }),
            result.readOnly ? ct('profiles.readOnly') : '',
            archive
              ? ct('profiles.archive', {
                  stanza: archive.stanza,
                  version: archive.pgVersion,
                  backups: archive.backups.length,
                  from: archive.walMin ?? '–',
                  to: archive.walMax ?? '–',
                  earliest: archive.earliest ?? '–',
                })
              : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      }),
    );

  cmd
    .command('remove <name>')
    .description('remove a profile and its stored password')
    .action((name: string) =>
      run(async ({ call, out, core }) => {
        const profile = core.profiles.getByName(name);
        await call('profiles.remove', { id: profile.id });
        out.result({ removed: name }, () => ct('profiles.removed', { name }));
      }),
    );

  cmd
    .command('export [file]')
    .description('write the profiles as JSON, without secrets (stdout when no file)')
    .action((file: string | undefined) =>
      run.offline(async ({ call, out }) => {
        const exported = await call('profiles.export', {});
        if (file) await fs.writeFile(file, JSON.stringify(exported, null, 2) + '\n');
        out.result(file ? { file, count: exported.profiles.length } : exported, () =>
          file ? ct('profiles.wrote', { count: exported.profiles.length, file }) : JSON.stringify(exported, null, 2),
        );
      }),
    );

  cmd
    .command('import <file>')
    .description('add the profiles of an exported file (existing names are skipped)')
    .action((file: string) =>
      run.offline(async ({ call, out }) => {
        const result = await call('profiles.import', JSON.parse(await fs.readFile(file, 'utf8')));
        out.result(result, () =>
          [
            ct('profiles.imported', { count: result.added.length }),
            ...result.skipped.map((s) => ct('profiles.skipped', { name: s.name, reason: s.reason })),
          ].join('\n'),
        );
      }),
    );
  return cmd;
}

interface ArchiveOptions {
  pgbackrestConfig?: string;
  pgbackrestStanza?: string;
  pgServerBin?: string;
}

function archiveSettings(o: ArchiveOptions) {
  return {
    ...(o.pgbackrestConfig ? { pgbackrestConfig: o.pgbackrestConfig } : {}),
    ...(o.pgbackrestStanza ? { pgbackrestStanza: o.pgbackrestStanza } : {}),
    ...(o.pgServerBin ? { pgServerBinDir: o.pgServerBin } : {}),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
