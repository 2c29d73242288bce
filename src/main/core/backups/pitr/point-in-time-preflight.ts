import { promises as fs } from 'node:fs';
import { AppError } from '../../../../shared/errors';
import type { ArchiveInfoView, PointInTimeInput, PointInTimePreflight } from '../../../../shared/model/point-in-time';
import type { Profile } from '../../../../shared/model/profile';
import type { CoreDeps } from '../../core-deps';
import { validateIdentifier } from '../../db/identifiers';
import { formatBytes } from '../restore-plan';
import {
  listArchivedSegments,
  readArchiveInfo,
  segmentName,
  segmentNumber,
  type ArchiveBackup,
  type ArchiveInfo,
  type ArchiveSettings,
} from '../../domain/archive/pgbackrest';
import { runAsFor, type RunAs } from '../../domain/archive/run-as';
import { scratchParent } from './scratch-cluster';
import { findServerBinaries, type ServerBinaries } from './server-binaries';

/** What the restore needs once the checks pass. */
export interface PointInTimePlan {
  profile: Profile;
  settings: ArchiveSettings;
  runAs?: RunAs;
  info: ArchiveInfo;
  backup: ArchiveBackup;
  binaries: ServerBinaries;
  at: Date;
  /** The target as recovery_target_time takes it: UTC, with the microseconds the user gave. */
  recoveryTarget: string;
  tenant: string;
  targetSchema: string;
}

type Check = PointInTimePreflight['checks'][number];

export function archiveSettingsOf(profile: Profile): ArchiveSettings {
  if (!profile.pgbackrestConfig || !profile.pgbackrestStanza) {
    throw new AppError(
      'PITR_NOT_CONFIGURED',
      `Profile ${profile.name} has no WAL archive configured, so it cannot restore to a point in time.`,
      'Set its pgBackRest config file and stanza: tenantry profiles edit NAME --pgbackrest-config FILE --pgbackrest-stanza NAME (or in the profile form).',
    );
  }
  return { config: profile.pgbackrestConfig, stanza: profile.pgbackrestStanza };
}

/** `2026-12-02 14:30:00.123456+00`: the form recovery_target_time reads (zones move whole minutes, so the fraction stays). */
export function recoveryTargetText(at: string, parsed: Date): string {
  const fraction = /:\d{2}(\.\d{1,6})/.exec(at)?.[1] ?? '';
  return `${parsed.toISOString().slice(0, 19).replace('T', ' ')}${fraction}+00`;
}

export async function archiveInfoView(profile: Profile): Promise<ArchiveInfoView> {
  const settings = archiveSettingsOf(profile);
  const info = await readArchiveInfo(settings, await runAsFor(settings.config).catch(() => undefined));
  const backups = info.backups.map(({ label, type, startedAt, stoppedAt }) => ({ label, type, startedAt, stoppedAt }));
  return {
    stanza: info.stanza,
    pgVersion: info.pgVersion,
    walMin: info.walMin,
    walMax: info.walMax,
    backups,
    earliest: backups[0]?.stoppedAt,
  };
}

export function parseTargetTime(at: string): Date {
  const d = new Date(at.replace(' ', 'T'));
  if (Number.isNaN(d.getTime()))
    throw new AppError(
      'PITR_TARGET_INVALID',
      `"${at}" is not a time.`,
      'Give ISO 8601 with a zone, e.g. 2026-12-02T14:30:00Z.',
      { field: 'at' },
    );
  return d;
}

/**
 * Everything checked before a point-in-time restore, nothing changed: the archive, the backup
 * to start from, the WAL after it, the server programs, the disk and the target time.
 */
export async function planPointInTime(
  deps: CoreDeps,
  input: PointInTimeInput,
): Promise<{ plan?: PointInTimePlan; report: PointInTimePreflight; failures: AppError[] }> {
  const profile = deps.profiles.get(input.profileId);
  const settings = archiveSettingsOf(profile);
  const tenant = validateIdentifier(input.tenant, 'tenant schema');
  const targetSchema = input.as ? validateIdentifier(input.as, 'new schema name') : tenant;
  const at = parseTargetTime(input.at);
  const checks: Check[] = [];
  const failures: AppError[] = [];
  const fail = (name: string, err: AppError) => {
    checks.push({ name, status: 'fail', detail: err.message });
    failures.push(err);
  };

  const live = await deps.pools.withClient(profile, async (c) => {
    const { rows } = await c.query<{ now: Date; n: string; size: string; exists: boolean }>(
      `SELECT now() AS now, current_setting('server_version_num') AS n, pg_database_size(current_database())::text AS size, EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists`,
      [tenant],
    );
    return {
      now: rows[0].now,
      major: Math.floor(Number(rows[0].n) / 10000),
      size: Number(rows[0].size),
      exists: rows[0].exists,
    };
  });
  if (at.getTime() > live.now.getTime()) {
    throw new AppError(
      'PITR_TARGET_INVALID',
      `${at.toISOString()} is in the future (the server's clock says ${live.now.toISOString()}).`,
      'Choose a time that has passed.',
      { field: 'at' },
    );
  }
  checks.push({
    name: 'target',
    status: 'ok',
    detail: `${tenant} as it was at ${at.toISOString()}${input.as ? `, restored as ${targetSchema}` : ''}`,
  });

  const runAs = await runAsFor(settings.config).catch(() => undefined);
  if (process.getuid?.() === 0 && !runAs) {
    fail(
      'archive',
      new AppError(
        'PITR_NOT_CONFIGURED',
        "As root, the scratch server runs as the archive repository's owner, and this repository is owned by root.",
        'Give the repository to the postgres user (chown -R postgres), as pgBackRest expects.',
      ),
    );
  }
  const info = await readArchiveInfo(settings, runAs);
  checks.push({
    name: 'archive',
    status: 'ok',
    detail: `pgBackRest stanza ${info.stanza}: ${info.backups.length} backup(s), WAL ${info.walMin ?? '–'} … ${info.walMax ?? '–'}`,
  });

  if (Number(info.pgVersion) !== live.major) {
    fail(
      'versions',
      new AppError(
        'PITR_VERSION_MISMATCH',
        `The stanza archives a PostgreSQL ${info.pgVersion} cluster, but ${profile.name} runs PostgreSQL ${live.major}.`,
        'Check the stanza in the profile: it must be the archive of this server.',
      ),
    );
  }
  let binaries: ServerBinaries | undefined;
  try {
    binaries = await findServerBinaries(Number(info.pgVersion), profile.pgServerBinDir);
    checks.push({
      name: 'server',
      status: 'ok',
      detail: `PostgreSQL ${binaries.version} server programs in ${binaries.dir}`,
    });
  } catch (e) {
    fail('server', e as AppError);
  }

  const before = info.backups.filter((b) => new Date(b.stoppedAt).getTime() <= at.getTime());
  const backup = before.at(-1);
  if (!backup) {
    const oldest = info.backups[0];
    fail(
      'backup',
      new AppError(
        'PITR_TARGET_TOO_OLD',
        `No backup in the archive finished before ${at.toISOString()}${oldest ? `; the oldest finished at ${oldest.stoppedAt}` : ''}.`,
        oldest
          ? `Choose a time after ${oldest.stoppedAt}.`
          : 'Take a first backup (pgbackrest backup) before relying on point-in-time restores.',
        { field: 'at' },
      ),
    );
  } else {
    checks.push({
      name: 'backup',
      status: 'ok',
      detail: `starts from ${backup.type} backup ${backup.label} (finished ${backup.stoppedAt})`,
    });
    const gap = await firstMissingSegment(settings, info, backup, runAs);
    if (gap)
      fail(
        'wal',
        new AppError(
          'PITR_WAL_GAP',
          `WAL segment ${gap} is missing from the archive after backup ${backup.label}: recovery cannot pass it.`,
          'Choose a time covered by a later backup, or repair the archive (pgbackrest verify).',
        ),
      );
    else
      checks.push({
        name: 'wal',
        status: 'ok',
        detail: `WAL from ${backup.walStart} to ${info.walMax} is archived without gaps; the segment holding the target is archived before the restore starts`,
      });
  }

  const need = live.size + 128 * 1024 * 1024;
  const parent = scratchParent(runAs);
  const free = await fs
    .statfs(parent)
    .then((s) => s.bavail * s.bsize)
    .catch(() => undefined);
  if (free !== undefined && free < need)
    fail(
      'disk',
      new AppError(
        'DISK_FULL',
        `The scratch restore needs about ${formatBytes(need)} in ${parent}; ${formatBytes(free)} is free.`,
        'Free space there, or choose a folder on a larger disk with TENANTRY_SCRATCH_DIR, and try again; nothing was changed.',
      ),
    );
  else
    checks.push({
      name: 'disk',
      status: 'ok',
      detail: `${free === undefined ? 'unknown' : formatBytes(free)} free in ${parent}; the scratch copy of ${profile.database} needs about ${formatBytes(need)} (only this database is restored)`,
    });
  if (!live.exists && !input.as)
    checks.push({ name: 'live', status: 'warn', detail: `${tenant} does not exist now: it will be created as it was` });
  if (profile.environment === 'production')
    checks.push({
      name: 'confirmation',
      status: 'warn',
      detail: `production: type the database name (${profile.database}) to confirm`,
    });

  const report: PointInTimePreflight = {
    tenant,
    targetSchema,
    at: at.toISOString(),
    profileName: profile.name,
    environment: profile.environment,
    database: profile.database,
    stanza: settings.stanza,
    checks,
    ...(backup
      ? {
          backupSet: {
            label: backup.label,
            type: backup.type,
            startedAt: backup.startedAt,
            stoppedAt: backup.stoppedAt,
          },
          walRange: { from: backup.walStart },
        }
      : {}),
    needsConfirmation: profile.environment === 'production',
    ok: failures.length === 0,
  };
  const plan =
    backup && binaries && !failures.length
      ? {
          profile,
          settings,
          runAs,
          info,
          backup,
          binaries,
          at,
          recoveryTarget: recoveryTargetText(input.at, at),
          tenant,
          targetSchema,
        }
      : undefined;
  return { plan, report, failures };
}

/** A segment between the backup's start and the archive's newest that the repository lacks (same timeline). */
async function firstMissingSegment(
  settings: ArchiveSettings,
  info: ArchiveInfo,
  backup: ArchiveBackup,
  runAs?: RunAs,
): Promise<string | undefined> {
  if (!info.archiveId || !info.walMax || info.walMax.slice(0, 8) !== backup.walStart.slice(0, 8)) return undefined;
  const have = await listArchivedSegments(settings, info.archiveId, backup.walStart, info.walMax, runAs);
  const timeline = backup.walStart.slice(0, 8);
  for (let n = segmentNumber(backup.walStart); n <= segmentNumber(info.walMax); n++) {
    const name = segmentName(timeline, n);
    if (!have.has(name)) return name;
  }
  return undefined;
}
