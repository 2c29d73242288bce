import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';

/** The checklists area's commands (CLI.md "Commands"). */
export function addChecklistsCommands(program: Command, run: CommandRunner): void {
  void program;
  void run;
}
