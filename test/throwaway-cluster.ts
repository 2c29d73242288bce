import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** PostgreSQL 15's server binaries, as Debian installs them (CI installs the server package). */
export const PG15_BIN = process.env.TENANTRY_PG15_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayCluster {
  port: number;
  /** The cluster's folder (data/ inside it); as root it belongs to postgres. */
  dir: string;
  dataDir: string;
  url(database?: string): string;
  /** A client that survives the cluster stopping under it (its 'error' event is expected). */
  client(database?: string): Promise<pg.Client>;
  /** Fast shutdown: every session gets "terminating connection due to administrator command". */
  stop(): Promise<void>;
  /** Stops the server if it runs and removes its directory. */
  destroy(): Promise<void>;
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  // initdb refuses to run as root: as root the cluster belongs to (and runs as) postgres.
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error('Running as root needs a postgres OS user for the throw-away cluster.');
  return { uid, gid };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${log()}`);
    const probe = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.end();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`postgres did not become ready: ${log()}`);
}

/**
 * A PostgreSQL 15 cluster of the test's own (initdb into a temp folder, trust auth, a free port,
 * never 5432), for tests that stop the server under a running command.
 */
export async function startThrowawayCluster(
  opts: { settings?: Record<string, string>; beforeStart?: (dir: string, port: number) => void } = {},
): Promise<ThrowawayCluster> {
  const ids = postgresIds();
  const dir = mkdtempSync(path.join('/var/tmp', 'tenantry-throwaway-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = path.join(dir, 'data');
  const asPostgres = ids ? { uid: ids.uid, gid: ids.gid } : {};
  const init = spawnSync(
    path.join(PG15_BIN, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { ...asPostgres, encoding: 'utf8', cwd: dir },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  opts.beforeStart?.(dir, port);
  const extra = Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  let output = '';
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      path.join(PG15_BIN, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=50',
        ...extra,
      ],
      { ...asPostgres, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    await waitReady(port, child, () => output);
  };
  await start();
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGINT');
    await exited;
  };
  return {
    port,
    dir,
    dataDir: data,
    url,
    async client(database = 'postgres') {
      const c = new pg.Client({ connectionString: url(database) });
      c.on('error', () => undefined);
      await c.connect();
      return c;
    },
    stop,
    async destroy() {
      await stop();
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
