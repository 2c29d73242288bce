import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';

/** The fleet area's commands (CLI.md "Commands"). */
export function addFleetCommands(program: Command, run: CommandRunner): void {
  void program;
  void run;
}
