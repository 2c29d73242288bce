import { Command, CommanderError, Option } from 'commander';
import { ENVIRONMENTS } from '../../shared/model/choices';
import { EXIT_USAGE } from './exit-codes';
import type { GlobalOptions } from './global-options';
import { createRunner, type CommandRunner } from './run-command';
import { TENANTRY_VERSION } from '../core/version';

type AddCommands = (program: Command, run: CommandRunner) => void;

/**
 * The top-level commands, in help order, by the module that defines them: a command's module is
 * loaded when it is named (start-up time), every module for help, `help` and unknown names.
 */
export const COMMAND_MODULES: { names: string[]; load: () => Promise<AddCommands> }[] = [
  { names: ['profiles'], load: async () => adding((await import('./commands/profiles')).profilesCommand) },
  { names: ['serve'], load: async () => adding((await import('./commands/serve')).serveCommand) },
  { names: ['sandbox'], load: async () => adding((await import('./commands/sandbox')).sandboxCommand) },
  { names: ['tenants', 'query'], load: async () => (await import('./commands/tenants')).addTenantsCommands },
  {
    names: ['status', 'migrate', 'rollback'],
    load: async () => (await import('./commands/migrations')).addMigrationsCommands,
  },
  {
    names: ['backup', 'backups', 'restore'],
    load: async () => (await import('./commands/backups')).addBackupsCommands,
  },
  { names: ['verify'], load: async () => (await import('./commands/checks')).addChecksCommands },
  { names: ['checklist'], load: async () => (await import('./commands/checklists')).addChecklistsCommands },
  { names: ['monitor'], load: async () => (await import('./commands/monitor')).addMonitorCommands },
  { names: ['audit'], load: async () => (await import('./commands/audit')).addAuditCommands },
  { names: ['diff', 'baseline', 'action'], load: async () => (await import('./commands/fleet')).addFleetCommands },
  { names: ['seed'], load: async () => (await import('./commands/seed')).addSeedCommand },
];

function adding(make: (run: CommandRunner) => Command): AddCommands {
  return (program, run) => program.addCommand(make(run));
}

/** The whole program, or (`only`: a top-level command's name) the global options and that command's module. */
export async function buildProgram(only?: string): Promise<Command> {
  const adders =
    only === undefined
      ? [(await import('./commands/all')).addAllCommands]
      : await Promise.all(COMMAND_MODULES.filter((m) => m.names.includes(only)).map((m) => m.load()));
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
  for (const add of adders) add(program, run);

  const exitOverrideAll = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverrideAll);
  };
  exitOverrideAll(program);
  return program;
}

/**
 * The top-level command `argv` names, when only global options precede it (any other word, or an
 * option the program does not know, gets the whole program, so help and errors read as always).
 */
export function namedCommand(argv: string[], program: { valued: string[]; flags: string[] }): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('-')) return COMMAND_MODULES.some((m) => m.names.includes(word)) ? word : undefined;
    const name = word.split('=')[0];
    if (program.valued.includes(name)) {
      if (!word.includes('=')) i++;
    } else if (!program.flags.includes(name)) return undefined;
  }
  return undefined;
}

/** The global options as `namedCommand` reads them (a test keeps this list equal to the program's). */
export const GLOBAL_OPTIONS = {
  valued: ['--url', '--profile', '--profiles', '--env', '--registry', '--project', '--confirm-database', '--lock-wait'],
  flags: ['--json', '--yes'],
};

export async function runCli(argv: string[]): Promise<void> {
  const program = await buildProgram(namedCommand(argv, GLOBAL_OPTIONS));
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
