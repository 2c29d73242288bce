import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import pg from 'pg';
import { AppError } from '../../../../shared/errors';
import type { PointInTimeResult } from '../../../../shared/model/point-in-time';
import type { Profile } from '../../../../shared/model/profile';
import { profileFields } from '../../audit/audit-log';
import type { CoreDeps } from '../../core-deps';
import { planRestore } from '../restore-plan';
import { runRestore } from '../run-restore';
import { takeBackup } from '../take-backup';
import { runPgbackrest, readArchiveInfo } from '../../domain/archive/pgbackrest';
import type { PointInTimePlan } from './point-in-time-preflight';
import {
  closeScratch,
  noteRestorePid,
  openScratch,
  scratchError,
  startScratchServer,
  type ScratchCluster,
  type ServerHandle,
} from './scratch-cluster';
import { archiveThrough } from './wal-archive';

export const POINT_IN_TIME_PHASES = ['archive', 'restore', 'recovery', 'dump', 'swap'] as const;
export type PointInTimePhase = (typeof POINT_IN_TIME_PHASES)[number];

export interface PointInTimeRunOptions {
  signal?: AbortSignal;
  progress?: (done: number, total: number, current: string) => void;
  log?: (line: string) => void;
  /** Called as each phase starts (tests stop the process here). */
  onPhase?: (phase: PointInTimePhase) => Promise<void> | void;
}

const SYSTEM_DATABASES = new Set(['postgres', 'template0', 'template1']);

/**
 * One tenant back to a point in time: the archive's cluster recovered into a scratch folder by a
 * private server, the tenant dumped from it (kept in the catalog), then the journaled restore
 * (safety backup, aside, swap, row-count verify, undo on failure, tenant lock). The scratch
 * server and folder never outlive this call.
 */
export async function restorePointInTime(
  deps: CoreDeps,
  plan: PointInTimePlan,
  opts: PointInTimeRunOptions = {},
): Promise<PointInTimeResult> {
  const { profile, settings, runAs, backup, tenant, targetSchema } = plan;
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const phase = async (p: PointInTimePhase) => {
    if (opts.signal?.aborted)
      throw new AppError('CANCELLED', 'The point-in-time restore was cancelled; nothing was changed.');
    opts.progress?.(POINT_IN_TIME_PHASES.indexOf(p), POINT_IN_TIME_PHASES.length, p);
    log(`phase ${p}`);
    await opts.onPhase?.(p);
  };
  const params: Record<string, string> = {
    tenant,
    at: plan.at.toISOString(),
    backupSet: backup.label,
    walFrom: backup.walStart,
  };
  const audit = { ...profileFields(profile), action: 'backup.restore-point-in-time', target: targetSchema, params };

  return deps.audit.around(audit, async () => {
    let scratch: ScratchCluster | undefined;
    let scratchProfile: Profile | undefined;
    try {
      await phase('archive');
      const walTo = await deps.pools.withClient(profile, (c) => archiveThrough(c, { signal: opts.signal, log }));
      const after = await readArchiveInfo(settings, runAs, opts.signal);
      if (!after.walMax || after.walMax < walTo)
        throw new AppError(
          'PITR_WAL_NOT_ARCHIVED',
          `The server archived WAL ${walTo}, but the repository's newest is ${after.walMax ?? 'none'}.`,
          "Is the profile's stanza the one this server archives to?",
        );
      log(`WAL ${backup.walStart} … ${walTo} will be replayed from backup ${backup.label}`);
      // The outcome line is written from the same params: it names the whole WAL range replayed.
      params.walTo = walTo;

      await phase('restore');
      scratch = await openScratch(deps.dataDir, runAs);
      const include = SYSTEM_DATABASES.has(profile.database) ? [] : [`--db-include=${profile.database}`];
      await runPgbackrest(
        settings,
        [
          'restore',
          `--set=${backup.label}`,
          '--type=time',
          `--target=${plan.recoveryTarget}`,
          '--target-action=promote',
          '--archive-mode=off',
          `--pg1-path=${scratch.dataDir}`,
          ...include,
        ],
        {
          runAs,
          signal: opts.signal,
          onLine: (l) => log(`pgbackrest: ${l}`),
          onSpawn: (pid) => void noteRestorePid(scratch!, pid),
        },
      );

      await phase('recovery');
      const server = await startScratchServer(scratch, plan.binaries.postgres, runAs);
      scratchProfile = {
        ...profile,
        id: randomUUID(),
        name: `point-in-time copy of ${profile.name}`,
        host: scratch.socketDir,
        port: scratch.port,
        sslmode: 'disable',
        sslrootcert: undefined,
        ssh: undefined,
        readOnly: false,
      };
      await waitForPromotion(scratch, server, scratchProfile, {
        signal: opts.signal,
        progress: (n) => opts.progress?.(2, POINT_IN_TIME_PHASES.length, `recovery: ${n} WAL file(s) replayed`),
      });

      await phase('dump');
      const entry = await takeBackup(
        deps,
        {
          profile,
          source: scratchProfile,
          scope: 'tenant',
          schemas: [tenant],
          reason: 'point-in-time',
          signal: opts.signal,
        },
        { log },
      ).catch((e: AppError) => {
        if (e.code === 'TENANT_NOT_FOUND')
          throw new AppError(
            'TENANT_NOT_FOUND',
            `${tenant} did not exist at ${plan.at.toISOString()}.`,
            'Choose a later time.',
            { tenant },
          );
        throw e;
      });
      // The recovered copy has given what it had; stop it before the swap to free its memory and disk.
      await closeScratch(scratch);
      await deps.pools.close(scratchProfile.id);
      scratch = undefined;

      await phase('swap');
      const { plan: restorePlan, failures } = await planRestore(deps, entry.id, {
        tenant,
        as: targetSchema === tenant ? undefined : targetSchema,
      });
      try {
        if (failures.length) throw failures[0];
        const result = await runRestore(deps, restorePlan, {
          signal: opts.signal,
          log,
          progress: (d, t, c) => opts.progress?.(4, POINT_IN_TIME_PHASES.length, `swap: ${c} (${d}/${t})`),
        });
        opts.progress?.(POINT_IN_TIME_PHASES.length, POINT_IN_TIME_PHASES.length, 'done');
        return {
          tenant,
          targetSchema,
          at: plan.at.toISOString(),
          backupSet: backup.label,
          walRange: { from: backup.walStart, to: walTo },
          backupId: entry.id,
          ...(result.safetyBackupId ? { safetyBackupId: result.safetyBackupId } : {}),
          tables: result.tables,
          durationMs: Date.now() - started,
        };
      } finally {
        await restorePlan.cleanup();
      }
    } finally {
      if (scratch) await closeScratch(scratch);
      if (scratchProfile) await deps.pools.close(scratchProfile.id);
    }
  });
}

/** Recovery replays WAL with no connections allowed (hot_standby off); it is done when the copy is promoted. */
async function waitForPromotion(
  scratch: ScratchCluster,
  server: ServerHandle,
  profile: Profile,
  opts: { signal?: AbortSignal; progress?: (replayed: number) => void },
): Promise<void> {
  let exited: number | null | undefined;
  void server.exited.then((code) => (exited = code));
  let replayed = -1;
  for (;;) {
    if (opts.signal?.aborted)
      throw new AppError('CANCELLED', 'The point-in-time restore was cancelled; nothing was changed.');
    const logText = await fs.readFile(server.logFile, 'utf8').catch(() => '');
    if (exited !== undefined) throw scratchError(logText);
    const n = (logText.match(/restored log file/g) ?? []).length;
    if (n !== replayed) opts.progress?.((replayed = n));
    const client = new pg.Client({
      host: scratch.socketDir,
      port: scratch.port,
      user: profile.user,
      database: profile.database,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      if (!rows[0].r) return;
    } catch {
      // Still replaying ("the database system is starting up"): ask again shortly.
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
