import { execFile } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

export interface PgTools {
  pgDump: string;
  pgRestore: string;
  /** e.g. "15.20" */
  version: string;
  major: number;
  dir: string;
}

export interface DiscoveryOptions {
  /** A folder chosen by the user (setting or TENANTRY_PG_BIN): searched alone when given. */
  binDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

const exe = (name: string, platform: NodeJS.Platform) => (platform === 'win32' ? `${name}.exe` : name);

function globDirs(parent: string, pattern: RegExp, tail: string[]): string[] {
  try {
    return readdirSync(parent)
      .filter((n) => pattern.test(n))
      .map((n) => path.join(parent, n, ...tail));
  } catch {
    return [];
  }
}

/** The folders to look in, most specific first: PATH, then the usual install places. */
export function candidateDirs(opts: DiscoveryOptions = {}): string[] {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const chosen = opts.binDir ?? env.TENANTRY_PG_BIN;
  if (chosen) return [path.resolve(chosen)];
  const dirs = [
    ...(env.PATH ?? '').split(path.delimiter).filter(Boolean),
    ...globDirs('/usr/lib/postgresql', /^\d+$/, ['bin']),
    ...globDirs('/usr', /^pgsql-\d+$/, ['bin']),
    ...globDirs('/opt/homebrew/opt', /^(postgresql|libpq)(@\d+)?$/, ['bin']),
    ...globDirs('/usr/local/opt', /^(postgresql|libpq)(@\d+)?$/, ['bin']),
    '/opt/homebrew/bin',
    '/usr/local/bin',
    ...globDirs('/Applications/Postgres.app/Contents/Versions', /^(\d+|latest)$/, ['bin']),
    ...(platform === 'win32' ? globDirs('C:\\Program Files\\PostgreSQL', /^\d+$/, ['bin']) : []),
  ];
  return [...new Set(dirs)];
}

function runVersion(bin: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(bin, ['--version'], { timeout: 5000, windowsHide: true }, (err, stdout) => {
      if (err) return resolve(undefined);
      const m = /(\d+)(?:\.(\d+))?/.exec(String(stdout).replace(/^[^)]*\)/, ''));
      resolve(m ? (m[2] ? `${m[1]}.${m[2]}` : m[1]) : undefined);
    });
  });
}

/**
 * Debian's /usr/bin/pg_dump and pg_restore are one Perl script (pg_wrapper) that picks and runs a
 * binary from /usr/lib/postgresql/N/bin, each call paying Perl's start-up; those folders are
 * candidates themselves, so the script is skipped (unless it is the folder the user chose) and
 * their binaries are run directly.
 */
function debianWrapper(bin: string): boolean {
  try {
    return path.basename(realpathSync(bin)) === 'pg_wrapper';
  } catch {
    return false;
  }
}

const cache = new Map<string, Promise<PgTools[]>>();

/** Every pg_dump/pg_restore pair found, with its version (each folder asked once per process). */
export function listPgTools(opts: DiscoveryOptions = {}): Promise<PgTools[]> {
  const platform = opts.platform ?? process.platform;
  const dirs = candidateDirs(opts);
  const chosen = Boolean(opts.binDir ?? (opts.env ?? process.env).TENANTRY_PG_BIN);
  const key = dirs.join('\n');
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      // Every folder is asked at once (one `pg_dump --version` each); the list keeps the folders' order.
      const probed = await Promise.all(
        dirs.map(async (dir): Promise<PgTools | undefined> => {
          const pgDump = path.join(dir, exe('pg_dump', platform));
          const pgRestore = path.join(dir, exe('pg_restore', platform));
          if (!existsSync(pgDump) || !existsSync(pgRestore) || (!chosen && debianWrapper(pgDump))) return undefined;
          const version = await runVersion(pgDump);
          return version ? { pgDump, pgRestore, version, major: Number(version.split('.')[0]), dir } : undefined;
        }),
      );
      return probed.filter((t): t is PgTools => t !== undefined);
    })();
    cache.set(key, found);
  }
  return found;
}

export function forgetDiscovery(): void {
  cache.clear();
}

/**
 * The client for a server's major version: the same major if present, else the nearest newer one.
 * An older client cannot dump a newer server, so it is refused by name.
 */
export async function findPgTools(serverMajor: number, opts: DiscoveryOptions = {}): Promise<PgTools> {
  const tools = await listPgTools(opts);
  const fitting = tools.filter((t) => t.major >= serverMajor).sort((a, b) => a.major - b.major);
  if (fitting.length) return fitting[0];
  const where = opts.binDir ?? (opts.env ?? process.env).TENANTRY_PG_BIN;
  const get = `Install the PostgreSQL ${serverMajor} client tools (Debian/Ubuntu: apt install postgresql-client-${serverMajor}; RHEL: dnf install postgresql${serverMajor}; macOS: brew install postgresql@${serverMajor}), or point TENANTRY_PG_BIN at their bin folder.`;
  if (tools.length) {
    const newest = tools.reduce((a, b) => (b.major > a.major ? b : a));
    throw new AppError(
      'PG_DUMP_TOO_OLD',
      `The server runs PostgreSQL ${serverMajor}, but the newest pg_dump found is ${newest.version} (${newest.pgDump}); pg_dump ${serverMajor} or newer is needed.`,
      get,
    );
  }
  throw new AppError(
    'PG_DUMP_NOT_FOUND',
    `No pg_dump/pg_restore was found${where ? ` in ${where}` : ' on PATH or in the usual install folders'}; PostgreSQL ${serverMajor} needs pg_dump ${serverMajor} or newer.`,
    get,
  );
}
