import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readArchiveInfo, runPgbackrest, type ArchiveSettings } from '../domain/archive/pgbackrest';
import { runAsFor } from '../domain/archive/run-as';

/**
 * `sandbox --pitr`: the embedded cluster archives its WAL into a local pgBackRest repository
 * beside it, with a first full backup, so a newcomer can bring a tenant back to five minutes ago.
 */
export interface SandboxArchive {
  settings: ArchiveSettings;
  /** Server settings that turn archiving on (the cluster must start with them). */
  serverSettings: Record<string, string>;
  /** The cluster's port, written into the repository's config. */
  port: number;
}

const STANZA = 'sandbox';

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Writes the repository's config (the port changes between starts); call before the cluster starts. */
export async function prepareSandboxArchive(clusterDir: string, port: number): Promise<SandboxArchive> {
  const dir = `${clusterDir}-pitr`;
  const socketDir = path.join(dir, 'sock');
  const config = path.join(dir, 'pgbackrest.conf');
  for (const d of [dir, path.join(dir, 'repo'), socketDir]) await fs.mkdir(d, { recursive: true, mode: 0o700 });
  await fs.writeFile(
    config,
    [
      '[global]',
      `repo1-path=${path.join(dir, 'repo')}`,
      'repo1-retention-full=2',
      'start-fast=y',
      `lock-path=${path.join(dir, 'lock')}`,
      `spool-path=${path.join(dir, 'spool')}`,
      `log-path=${path.join(dir, 'log')}`,
      `[${STANZA}]`,
      `pg1-path=${clusterDir}`,
      `pg1-port=${port}`,
      `pg1-socket-path=${socketDir}`,
      '',
    ].join('\n'),
  );
  const ids = postgresIds();
  if (ids) for (const p of [dir, path.join(dir, 'repo'), socketDir, config]) await fs.chown(p, ids.uid, ids.gid);
  return {
    port,
    settings: { config, stanza: STANZA },
    serverSettings: {
      archive_mode: 'on',
      wal_level: 'replica',
      unix_socket_directories: socketDir,
      archive_command: `pgbackrest --config=${config} --stanza=${STANZA} --log-level-file=off archive-push %p`,
    },
  };
}

/** Once the cluster runs: the stanza, and a full backup when the repository has none. */
export async function ensureSandboxBackup(archive: SandboxArchive, log: (line: string) => void): Promise<void> {
  const runAs = await runAsFor(archive.settings.config);
  await runPgbackrest(archive.settings, ['stanza-create'], { runAs });
  const info = await readArchiveInfo(archive.settings, runAs);
  if (info.backups.length) return;
  log('Taking the first full backup of the sandbox cluster for point-in-time restores …');
  await runPgbackrest(archive.settings, ['backup', '--type=full'], { runAs });
}
