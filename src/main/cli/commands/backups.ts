import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';

/** The backups area's commands (CLI.md "Commands"). */
export function addBackupsCommands(program: Command, run: CommandRunner): void {
  void program;
  void run;
}
