import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';

/** The tenants area's commands (CLI.md "Commands"). */
export function addTenantsCommands(program: Command, run: CommandRunner): void {
  void program;
  void run;
}
