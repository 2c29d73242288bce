import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { HOST_PATTERN, type Profile } from '../../../shared/model/profile';
import { ownedTempDir } from '../owned-temp';

export type PgTarget = Pick<Profile, 'host' | 'port' | 'database' | 'user' | 'sslmode' | 'sslrootcert' | 'readOnly'>;

/** libpq conninfo quoting: a value in single quotes with \ and ' escaped. */
export function conninfoValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Connection arguments for a child: one `--name=value` each. The database goes in as a quoted
 * `dbname='…'` conninfo we build, so a name holding `=` or spaces is never parsed as someone
 * else's conninfo string or URI.
 */
export function connectionArgs(target: PgTarget, database = target.database): string[] {
  if (!HOST_PATTERN.test(target.host))
    throw new AppError(
      'VALIDATION_FAILED',
      `The host "${target.host}" cannot be passed to pg_dump.`,
      'Use a plain host name or address, or a socket directory.',
    );
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535)
    throw new AppError('VALIDATION_FAILED', `Port ${target.port} is not a port.`);
  for (const v of [database, target.user])
    if (/[\0\r\n]/.test(v))
      throw new AppError('VALIDATION_FAILED', 'A database or user name holds a control character.');
  return [
    `--host=${target.host}`,
    `--port=${target.port}`,
    `--username=${target.user}`,
    `--dbname=dbname=${conninfoValue(database)}`,
    '--no-password',
  ];
}

/** A path below a device file: stat() fails with ENOTDIR, which libpq takes silently as "no passfile". */
const NO_PASSFILE = process.platform === 'win32' ? 'NUL\\tenantry-no-passfile' : '/dev/null/tenantry-no-passfile';

/** The child's environment: ours without any PG* variable (no PGPASSWORD, no stray service), plus what we choose. */
export function childEnv(target: PgTarget, passfile: string | undefined, appName = 'tenantry'): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  env.PGSSLMODE = target.sslmode;
  if (target.sslrootcert) env.PGSSLROOTCERT = target.sslrootcert;
  env.PGAPPNAME = appName;
  env.PGCONNECT_TIMEOUT = '10';
  if (target.readOnly) env.PGOPTIONS = '-c default_transaction_read_only=on';
  // No password: point at a path that cannot exist, so libpq never falls back to a file we did
  // not choose. (/dev/null itself makes libpq warn "is not a plain file" before every error.)
  env.PGPASSFILE = passfile ?? NO_PASSFILE;
  return env;
}

function passfileLine(password: string): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
  return `*:*:*:*:${esc(password)}\n`;
}

// Passfile folders still open, removed synchronously if the process exits first.
const openPassfileDirs = new Set<string>();
let exitHook = false;

/**
 * A 0600 passfile in a private 0700 folder named after this process, removed when `fn` settles
 * or the process exits; one left by a killed process is swept by a later start (owned-temp.ts).
 */
export async function withPassfile<T>(
  password: string | undefined,
  fn: (file: string | undefined) => Promise<T>,
): Promise<T> {
  if (password === undefined || password === '') return fn(undefined);
  const dir = await ownedTempDir('pg');
  openPassfileDirs.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => openPassfileDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  }
  const file = path.join(dir, 'pgpass');
  try {
    await fs.writeFile(file, passfileLine(password), { mode: 0o600 });
    return await fn(file);
  } finally {
    openPassfileDirs.delete(dir);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Turns a failed child's stderr into a stable code; the text never holds a password (none was given to the child in text). */
export function classifyPgFailure(stderr: string, fallback: ErrorCode): ErrorCode {
  if (/password authentication failed|no password supplied|authentication failed/i.test(stderr)) return 'AUTH_FAILED';
  if (/No space left on device|ENOSPC/i.test(stderr)) return 'DISK_FULL';
  // The connection was up and went away: the server stopped or restarted, or the session was ended.
  if (
    /server closed the connection unexpectedly|terminating connection due to administrator command|connection to server was lost|no connection to the server|SSL SYSCALL error: EOF/i.test(
      stderr,
    )
  )
    return 'CONNECTION_LOST';
  if (/could not connect|Connection refused|could not translate host name|timeout expired/i.test(stderr))
    return 'CONNECTION_FAILED';
  if (
    /does not appear to be a valid archive|did not find magic string|unexpected end of file|could not read input file|input file is too short|unsupported version .* in file header|could not find block ID|not a valid archive|file appears to be a text format dump/i.test(
      stderr,
    )
  ) {
    return 'BACKUP_CORRUPT';
  }
  return fallback;
}

const HINTS: Partial<Record<ErrorCode, string>> = {
  AUTH_FAILED: 'Check the profile password (keychain, PGPASSWORD or ~/.pgpass) and the user name.',
  DISK_FULL:
    'Free space in the backup folder (or choose another folder in the profile) and try again; the partial file was removed.',
  CONNECTION_FAILED: 'Check host, port and network; is the server running?',
  CONNECTION_LOST:
    'The server went away mid-way; nothing half-done was kept. Check that it is up, then run the command again.',
  BACKUP_CORRUPT:
    'The file is truncated, damaged or not a pg_dump custom-format archive; verify it or pick another backup.',
};

export interface PgRun {
  child: ChildProcess;
  /** Resolves with stdout (when captured) once the child exits 0; rejects with an AppError otherwise. */
  done: Promise<string>;
}

export interface PgRunOptions {
  target: PgTarget;
  passfile: string | undefined;
  signal?: AbortSignal;
  /** 'capture' collects stdout as text; a Writable receives it; 'pipe' leaves child.stdout to the caller. */
  stdout?: 'capture' | 'ignore' | 'pipe' | Writable;
  stdin?: Readable;
  failCode: ErrorCode;
  what: string;
  /** application_name of the child's session, so an interrupted restore's session can be found and ended. */
  appName?: string;
}

/** Starts pg_dump/pg_restore with an argument array, never a shell. */
export function startPg(bin: string, args: string[], opts: PgRunOptions): PgRun {
  const stdoutMode = opts.stdout ?? 'ignore';
  const child = spawn(bin, args, {
    env: childEnv(opts.target, opts.passfile, opts.appName),
    stdio: [opts.stdin ? 'pipe' : 'ignore', stdoutMode === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
    shell: false,
    windowsHide: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-8000);
  });
  const chunks: Buffer[] = [];
  if (stdoutMode === 'capture') child.stdout?.on('data', (d: Buffer) => chunks.push(d));
  else if (typeof stdoutMode === 'object') child.stdout?.pipe(stdoutMode, { end: false });
  if (opts.stdin && child.stdin) {
    opts.stdin.pipe(child.stdin);
    child.stdin.on('error', () => undefined);
  }
  const onAbort = () => child.kill('SIGTERM');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const done = new Promise<string>((resolve, reject) => {
    child.once('error', (e) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(
        new AppError(
          'PG_DUMP_NOT_FOUND',
          `${path.basename(bin)} could not be started: ${e.message}`,
          'Check the PostgreSQL client tools installation.',
        ),
      );
    });
    child.once('close', (code, sig) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) return reject(new AppError('CANCELLED', `${opts.what} was cancelled.`));
      if (code === 0) return resolve(Buffer.concat(chunks).toString('utf8'));
      const failure = classifyPgFailure(stderr, opts.failCode);
      const text = stderr.trim().split('\n').slice(-6).join('\n') || `exit ${code ?? sig}`;
      reject(new AppError(failure, `${opts.what} failed: ${text}`, HINTS[failure]));
    });
  });
  return { child, done };
}
