import type { Command } from 'commander';
import type { CommandRunner } from '../run-command';
import { addAuditCommands } from './audit';
import { addBackupsCommands } from './backups';
import { addChecklistsCommands } from './checklists';
import { addChecksCommands } from './checks';
import { addFleetCommands } from './fleet';
import { addMigrationsCommands } from './migrations';
import { addMonitorCommands } from './monitor';
import { profilesCommand } from './profiles';
import { sandboxCommand } from './sandbox';
import { addSeedCommand } from './seed';
import { serveCommand } from './serve';
import { addTenantsCommands } from './tenants';

/** Every command, in help order, from one module: help loads them as one graph rather than twelve. */
export function addAllCommands(program: Command, run: CommandRunner): void {
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
}
