import { Command, CommanderError, Option } from 'commander';
import { ENVIRONMENTS } from '../../shared/model/choices';
import { addTenantsCommands } from './commands/tenants';
import { addMigrationsCommands } from './commands/migrations';
import { addBackupsCommands } from './commands/backups';
import { addChecksCommands } from './commands/checks';
import { addChecklistsCommands } from './commands/checklists';
import { addMonitorCommands } from './commands/monitor';
import { addAuditCommands } from './commands/audit';
import { addFleetCommands } from './commands/fleet';
import { addSeedCommand } from './commands/seed';
import { profilesCommand } from './commands/profiles';
import { sandboxCommand } from './commands/sandbox';
import { serveCommand } from './commands/serve';
import { EXIT_USAGE } from './exit-codes';
import type { GlobalOptions } from './global-options';
import { createRunner } from './run-command';
import { TENANTRY_VERSION } from '../core/version';

export function buildProgram(): Command {
  const program = new Command('tenantry')
    .description('Tenantry: migrations, backups, restores and verification across every tenant schema')
    .version(TENANTRY_VERSION)
    .option('--url <url>', 'connect without a profile: postgres://user@host:port/db')
    .option('--profile <name>', 'a saved connection profile')
    .option(
      '--profiles <a,b>',
      'several saved profiles (or a saved group) as one fleet: status, migrate, verify, backup, tenants list',
    )
    .addOption(new Option('--env <env>', 'environment of a --url connection').choices([...ENVIRONMENTS]))
    .option('--registry <spec>', 'auto | django-tenants[:TABLE[:DOMAIN_TABLE]] | native | pattern:GLOB')
    .option('--project <dir>', 'the project folder (migrations/, checks/, runbooks/)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--yes', 'answer ordinary prompts')
    .option('--confirm-database <name>', 'required for changes on a production profile')
    .option('--lock-wait <seconds>', 'wait this long for a tenant another operation holds, then refuse (default 5)')
    .showHelpAfterError()
    .exitOverride();
  const run = createRunner(() => program.opts<GlobalOptions>());
  program.addCommand(profilesCommand(run));
  program.addCommand(serveCommand(run));
  program.addCommand(sandboxCommand(run));
  addTenantsCommands(program, run);
  addMigrationsCommands(program, run);
  addBackupsCommands(program, run);
  addChecksCommands(program, run);
  addChecklistsCommands(program, run);
  addMonitorCommands(program, run);
  addAuditCommands(program, run);
  addFleetCommands(program, run);
  addSeedCommand(program, run);

  const exitOverrideAll = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverrideAll);
  };
  exitOverrideAll(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; every other parse failure is bad usage.
      const harmless = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code);
      process.exitCode = harmless ? 0 : EXIT_USAGE;
      if (!harmless && argv.includes('--json')) {
        process.stdout.write(
          JSON.stringify({
            ok: false,
            error: {
              code: 'VALIDATION_FAILED',
              message: e.message.replace(/^error: /, ''),
              hint: 'Run `tenantry --help`.',
            },
          }) + '\n',
        );
      }
      return;
    }
    throw e;
  }
}
