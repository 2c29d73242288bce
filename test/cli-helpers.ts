import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

/** Starts the built CLI without waiting, so several run at once as separate OS processes. */
export function runCliAsync(
  args: string[],
  opts: { home: string; input?: string; env?: NodeJS.ProcessEnv },
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, TENANTRY_HOME: opts.home, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin!.end(opts.input ?? '');
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr, json: () => JSON.parse(stdout) }),
    );
  });
  return { child, done };
}
