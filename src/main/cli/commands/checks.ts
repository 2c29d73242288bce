import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';

/** The checks area's commands (CLI.md "Commands"). */
export function addChecksCommands(program: Command, run: CommandRunner): void {
  void program;
  void run;
}
