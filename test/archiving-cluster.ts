import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startThrowawayCluster, type ThrowawayCluster } from './throwaway-cluster';

export const STANZA = 'demo';

export interface ArchivingCluster extends ThrowawayCluster {
  /** The pgBackRest config file (repository beside it). */
  conf: string;
  repoDir: string;
  pgbackrest(...args: string[]): string;
  /** One value of the last statement's first row, as text. */
  sql(text: string, database?: string): Promise<string>;
  /** now() on the server, as ISO 8601 UTC with microseconds. */
  now(): Promise<string>;
}

const ids = () =>
  process.getuid?.() === 0
    ? {
        uid: Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout),
        gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout),
      }
    : undefined;

/**
 * A throw-away cluster archiving its WAL into a posix pgBackRest repository of its own (as the
 * postgres OS user when root), with the stanza created; take backups with `pgbackrest('backup')`.
 */
export async function startArchivingCluster(): Promise<ArchivingCluster> {
  const owner = ids();
  const repoDir = mkdtempSync(path.join('/var/tmp', 'tenantry-pgbackrest-'));
  const conf = path.join(repoDir, 'pgbackrest.conf');
  const cluster = await startThrowawayCluster({
    settings: {
      archive_mode: 'on',
      wal_level: 'replica',
      archive_command: `pgbackrest --config=${conf} --stanza=${STANZA} --log-level-file=off archive-push %p`,
    },
    beforeStart: (dir, port) => {
      writeFileSync(
        conf,
        `[global]\nrepo1-path=${repoDir}/repo\nrepo1-retention-full=2\nstart-fast=y\nlock-path=${repoDir}/lock\nspool-path=${repoDir}/spool\nlog-path=${repoDir}/log\n[${STANZA}]\npg1-path=${dir}/data\npg1-port=${port}\npg1-socket-path=${dir}\n`,
      );
      if (owner) for (const p of [repoDir, conf]) chownSync(p, owner.uid, owner.gid);
    },
  });
  const pgbackrest = (...args: string[]) => {
    const r = spawnSync('pgbackrest', [`--config=${conf}`, `--stanza=${STANZA}`, '--log-level-file=off', ...args], {
      encoding: 'utf8',
      ...(owner ?? {}),
    });
    if (r.status !== 0) throw new Error(`pgbackrest ${args[0]}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  const sql = async (text: string, database = 'app') => {
    const c = await cluster.client(database);
    try {
      const res = await c.query(text);
      const last = Array.isArray(res) ? res.at(-1)! : res;
      return String(Object.values(last.rows[0] ?? {})[0] ?? '');
    } finally {
      await c.end();
    }
  };
  pgbackrest('stanza-create');
  return {
    ...cluster,
    conf,
    repoDir,
    pgbackrest,
    sql,
    now: () => sql(`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'postgres'),
    async destroy() {
      await cluster.destroy();
      rmSync(repoDir, { recursive: true, force: true });
    },
  };
}
