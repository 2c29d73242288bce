import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';

/** The audit area's commands (CLI.md "Commands"). */
export function addAuditCommands(program: Command, run: CommandRunner): void {
  void program;
  void run;
}
