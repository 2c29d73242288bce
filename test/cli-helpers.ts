import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const CLI = path.resolve(__dirname, '..', 'out', 'cli', 'tenantry.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): { ok: boolean; data: T; error: { code: string; message: string; hint?: string } };
}

/** Runs the built `tenantry` CLI as a pipeline would, with its own TENANTRY_HOME. */
export function runCli(args: string[], opts: { home: string; input?: string; env?: NodeJS.ProcessEnv }): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, TENANTRY_HOME: opts.home, ...opts.env },
    input: opts.input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout),
  };
}
