import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';

/** The migrations area's commands (CLI.md "Commands"). */
export function addMigrationsCommands(program: Command, run: CommandRunner): void {
  void program;
  void run;
}
