import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, promises as fs, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../../../shared/errors';
import { writeJsonAtomic } from '../../atomic-file';
import { currentOwner, isThisHost, localProcessGone, type ProcessOwner } from '../../process-owner';
import type { RunAs } from '../../domain/archive/run-as';
import { randomHex } from '../../domain/ids';

/**
 * A private PostgreSQL for one point-in-time restore: a data folder pgBackRest restores into, a
 * socket folder only we can reach, and a record in `journal/` naming its owner, so that a killed
 * command's server and folder are removed at the next start (CLI.md "Processes and locks").
 */
export interface ScratchCluster {
  id: string;
  /** Holds data/, sock/ and the server's config and log. */
  dir: string;
  dataDir: string;
  socketDir: string;
  port: number;
  owner: ProcessOwner;
  serverPid?: number;
  /** pgBackRest while it restores into dataDir: a killed owner leaves it running. */
  restorePid?: number;
  recordFile: string;
}

const recordsDir = (appData: string) => path.join(appData, 'journal');
const recordPrefix = 'pitr-';

/** As root the server runs as the repository's owner, who cannot enter /root: use /var/tmp then. */
export function scratchParent(runAs?: RunAs): string {
  // A disk with room for a copy of the database can be chosen: TENANTRY_SCRATCH_DIR.
  return process.env.TENANTRY_SCRATCH_DIR || (runAs ? '/var/tmp' : tmpdir());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => (port === 5432 ? freePort().then(resolve, reject) : resolve(port)));
    });
  });
}

export async function openScratch(appData: string, runAs?: RunAs): Promise<ScratchCluster> {
  const id = randomHex(6);
  const dir = path.join(scratchParent(runAs), `tenantry-pitr-${id}`);
  const scratch: ScratchCluster = {
    id,
    dir,
    dataDir: path.join(dir, 'data'),
    socketDir: path.join(dir, 'sock'),
    port: await freePort(),
    owner: currentOwner(),
    recordFile: path.join(recordsDir(appData), `${recordPrefix}${id}.json`),
  };
  await fs.mkdir(recordsDir(appData), { recursive: true });
  // The record comes first: whatever happens after it, the next start finds the folder.
  await writeJsonAtomic(scratch.recordFile, scratch);
  for (const d of [dir, scratch.dataDir, scratch.socketDir]) {
    await fs.mkdir(d, { mode: 0o700 });
    if (runAs) await fs.chown(d, runAs.uid, runAs.gid);
  }
  return scratch;
}

/** Our own settings: socket only, no archiving into the live stanza, no standby connections, no fsync (it is thrown away). */
function serverConfig(s: ScratchCluster): string {
  return [
    `port = ${s.port}`,
    `listen_addresses = ''`,
    `unix_socket_directories = '${s.socketDir}'`,
    `hba_file = '${path.join(s.dir, 'pg_hba.conf')}'`,
    `ident_file = '${path.join(s.dir, 'pg_ident.conf')}'`,
    'archive_mode = off',
    'hot_standby = off',
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_connections = 20',
    'shared_buffers = 64MB',
    'max_wal_senders = 0',
    'logging_collector = off',
    '',
  ].join('\n');
}

export interface ServerHandle {
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
}

/** Starts the recovery server on the restored folder (our config file, the archive's recovery settings). */
export async function startScratchServer(s: ScratchCluster, postgres: string, runAs?: RunAs): Promise<ServerHandle> {
  const conf = path.join(s.dir, 'tenantry.conf');
  await fs.writeFile(conf, serverConfig(s));
  await fs.writeFile(path.join(s.dir, 'pg_hba.conf'), 'local all all trust\n');
  await fs.writeFile(path.join(s.dir, 'pg_ident.conf'), '');
  const logFile = path.join(s.dir, 'server.log');
  const log = createWriteStream(logFile);
  await new Promise((r) => log.once('open', r));
  if (runAs)
    for (const f of [conf, path.join(s.dir, 'pg_hba.conf'), path.join(s.dir, 'pg_ident.conf'), logFile])
      await fs.chown(f, runAs.uid, runAs.gid);
  const child = spawn(postgres, ['-D', s.dataDir, '-c', `config_file=${conf}`], {
    stdio: ['ignore', log, log],
    detached: true,
    ...(runAs ?? {}),
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  s.serverPid = child.pid;
  await writeJsonAtomic(s.recordFile, s);
  return { child, logFile, exited };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A recorded pid is ours only while its command line still names our data folder (pids are reused). */
function runsOn(pid: number, dataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
  } catch {
    return process.platform !== 'linux';
  }
}

async function stopServer(pid: number | undefined, dataDir: string): Promise<void> {
  if (!pid || !alive(pid) || !runsOn(pid, dataDir)) return;
  // SIGQUIT to a postmaster: immediate shutdown, nothing of the scratch copy is worth keeping.
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/** pgBackRest's whole process group (it forks workers): nothing it writes is worth waiting for. */
async function stopRestore(pid: number | undefined, dataDir: string): Promise<void> {
  if (!pid || !alive(pid) || !runsOn(pid, dataDir)) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    process.kill(pid, 'SIGKILL');
  }
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Records the restoring pgBackRest, so a later start can stop it if we are killed. */
export async function noteRestorePid(s: ScratchCluster, pid: number | undefined): Promise<void> {
  s.restorePid = pid;
  await writeJsonAtomic(s.recordFile, s);
}

/** Stops the server (and a restore still writing) and removes the folder and its record; safe to call twice. */
export async function closeScratch(s: ScratchCluster): Promise<void> {
  await stopRestore(s.restorePid, s.dataDir);
  await stopServer(s.serverPid, s.dataDir);
  await fs.rm(s.dir, { recursive: true, force: true });
  await fs.rm(s.recordFile, { force: true });
}

/** At a start that connects: scratch servers and folders whose owner is gone are removed. */
export async function sweepScratchClusters(appData: string): Promise<string[]> {
  const names = await fs.readdir(recordsDir(appData)).catch(() => [] as string[]);
  const swept: string[] = [];
  for (const name of names.filter((n) => n.startsWith(recordPrefix) && n.endsWith('.json'))) {
    const file = path.join(recordsDir(appData), name);
    const record = JSON.parse(await fs.readFile(file, 'utf8').catch(() => '{}')) as Partial<ScratchCluster>;
    if (!record.owner || !record.dir || !isThisHost(record.owner) || !localProcessGone(record.owner)) continue;
    if (!/tenantry-pitr-[0-9a-f]{12}$/.test(record.dir)) continue;
    await closeScratch({ ...(record as ScratchCluster), recordFile: file });
    swept.push(record.dir);
  }
  return swept;
}

export function scratchError(log: string): AppError {
  if (/recovery ended before configured recovery target was reached/.test(log)) {
    return new AppError(
      'PITR_WAL_GAP',
      'Recovery ran out of archived WAL before reaching the target time: the archive has a gap or does not reach that far.',
      'Check `pgbackrest info` and the archiver (pg_stat_archiver); choose an earlier time or repair the archive.',
    );
  }
  const fatal = log
    .split('\n')
    .filter((l) => /LOG|FATAL|PANIC|ERROR/.test(l))
    .slice(-3)
    .map((l) => l.replace(/^.*?\]\s*/, ''))
    .join(' ');
  return new AppError(
    'PITR_RECOVERY_FAILED',
    `The scratch server stopped during recovery${fatal ? `: ${fatal}` : '.'}`,
    'Nothing was changed on the live server. Check the archive with `pgbackrest check`.',
  );
}
