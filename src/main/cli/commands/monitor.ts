import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';

/** The monitor area's commands (CLI.md "Commands"). */
export function addMonitorCommands(program: Command, run: CommandRunner): void {
  void program;
  void run;
}
