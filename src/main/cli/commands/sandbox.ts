import { Command } from 'commander';
import type { CommandRunner } from '../run-command';
import { parsePort } from './serve';

export interface SandboxOptions {
  tenants: number;
  students: number;
  browser?: boolean;
  port?: number;
  pgPort?: number;
  seedOnly?: boolean;
  reset?: boolean;
  pitr?: boolean;
  /** demo (the tenant fleet, default) or domains (also one database split into named schemas). */
  sample?: string;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 20000) throw new Error(`"${value}" is not a tenant count from 1 to 20000`);
  return n;
}

export function sandboxCommand(run: CommandRunner): Command {
  return new Command('sandbox')
    .description('start an embedded PostgreSQL with a demo school fleet and open the console on it')
    .option('--tenants <n>', 'demo tenant schemas', parseCount, 25)
    .option('--students <n>', 'students per tenant', parseCount, 40)
    .option('--browser', 'open browser mode even where Electron is installed')
    .option('--port <port>', 'browser-mode HTTP port', parsePort)
    .option('--pg-port <port>', 'the embedded PostgreSQL port (never 5432)', parsePort)
    .option('--seed-only', 'seed the demo fleet into --url and exit')
    .option('--reset', 'drop the demo database and seed it again')
    .option(
      '--sample <name>',
      'demo (a tenant fleet) or domains (also a database split by domain into named schemas)',
      'demo',
    )
    .option('--pitr', "archive the sandbox's WAL into a local pgBackRest repository, to try point-in-time restores")
    .action((o: SandboxOptions) => run(async (ctx) => (await import('./sandbox-run')).runSandbox(ctx, o)));
}
