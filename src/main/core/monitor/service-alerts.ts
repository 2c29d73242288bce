import { promises as fs } from 'node:fs';
import type { ClientBase } from 'pg';
import type { MonitorAlert, MonitorSnapshot, MonitorThresholds, SchemaRunTime } from '../../../shared/model/monitor';
import { isSocketDir, type Profile } from '../../../shared/model/profile';
import type { AuditLine } from '../audit/audit-log';

const MB = 1024 * 1024;
const LOCAL_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Free space of the volume that holds the data directory, when this machine can see it. */
export interface DiskSpace {
  path: string;
  freeBytes: number;
  totalBytes: number;
}

/**
 * PostgreSQL reports no free disk space itself. When the server runs on this machine (a local
 * address or a socket) and its data directory is visible (superuser or pg_read_all_settings), the
 * volume holding it is measured; otherwise undefined, and growth stands in for it.
 */
export async function dataDirectorySpace(client: ClientBase, profile: Profile): Promise<DiskSpace | undefined> {
  if (!isSocketDir(profile.host) && !LOCAL_HOSTS.has(profile.host)) return undefined;
  try {
    const { rows } = await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
    const st = await fs.statfs(rows[0].dir);
    return { path: rows[0].dir, freeBytes: st.bavail * st.bsize, totalBytes: st.blocks * st.bsize };
  } catch {
    return undefined;
  }
}

/** Run times per schema from the ledgers' newest rows: the latest migration, the slowest, the sum. */
export function runTimesPerSchema(rows: MonitorSnapshot['migrations']): SchemaRunTime[] {
  const by = new Map<string, SchemaRunTime>();
  for (const r of rows) {
    if (r.state !== 'applied' || r.durationMs === null) continue;
    const t = by.get(r.schema) ?? {
      schema: r.schema,
      migrations: 0,
      totalMs: 0,
      slowest: r.name,
      slowestMs: -1,
      lastAt: r.appliedAt,
    };
    t.migrations++;
    t.totalMs += r.durationMs;
    if (r.durationMs > t.slowestMs) Object.assign(t, { slowest: r.name, slowestMs: r.durationMs });
    if (r.appliedAt > t.lastAt) t.lastAt = r.appliedAt;
    by.set(r.schema, t);
  }
  return [...by.values()].sort((a, b) => b.totalMs - a.totalMs);
}

/** Backups of this profile whose last attempt failed in the audit log, newer than its last good backup. */
export function failedBackups(
  lines: AuditLine[],
  profileId: string,
  since: number,
): { at: string; target: string; error: string }[] {
  const mine = lines.filter(
    (l) => l.action === 'backup.create' && l.profileId === profileId && Date.parse(l.at) >= since,
  );
  const lastOk = mine.filter((l) => l.result === 'ok').reduce((m, l) => (l.at > m ? l.at : m), '');
  return mine
    .filter((l) => l.result === 'failed' && l.at > lastOk)
    .map((l) => ({ at: l.at, target: l.target ?? '', error: l.error ?? 'failed' }));
}

export interface ServiceAlertInput {
  migrations: MonitorSnapshot['migrations'];
  runTimes: SchemaRunTime[];
  backupFailures: { at: string; target: string; error: string }[];
  disk: DiskSpace | undefined;
  databaseBytes: number;
  previousDatabaseBytes: number | null;
}

/** The alerts of a shared database's migration service: failed migrations and backups, slow migrations, disk or growth. */
export function serviceAlerts(s: ServiceAlertInput, t: MonitorThresholds): MonitorAlert[] {
  const alerts: MonitorAlert[] = [];
  const failed = new Map<string, string[]>();
  for (const m of s.migrations)
    if (m.state === 'failed') failed.set(m.schema, [...(failed.get(m.schema) ?? []), m.name]);
  for (const [schema, names] of failed)
    alerts.push({
      kind: 'migration_failed',
      target: schema,
      message: `${schema}: the last attempt of ${names.join(', ')} failed.`,
    });
  for (const b of s.backupFailures.slice(0, 5))
    alerts.push({
      kind: 'backup_failed',
      target: b.target || 'backup',
      message: `A backup of ${b.target || 'this database'} failed at ${b.at}: ${b.error}`,
    });
  for (const r of s.runTimes) {
    if (r.slowestMs > t.migrationSeconds * 1000)
      alerts.push({
        kind: 'slow_migration',
        target: r.schema,
        message: `${r.schema}: ${r.slowest} took ${Math.round(r.slowestMs / 1000)} s (over ${t.migrationSeconds} s).`,
      });
  }
  if (s.disk) {
    const percent = s.disk.totalBytes ? (s.disk.freeBytes / s.disk.totalBytes) * 100 : 100;
    if (percent < t.diskFreePercent)
      alerts.push({
        kind: 'disk_low',
        target: s.disk.path,
        message: `${(s.disk.freeBytes / MB / 1024).toFixed(1)} GB free on the volume of ${s.disk.path} (${percent.toFixed(1)} %, under ${t.diskFreePercent} %).`,
      });
  } else if (s.previousDatabaseBytes !== null) {
    const growth = s.databaseBytes - s.previousDatabaseBytes;
    if (growth > t.growthMb * MB)
      alerts.push({
        kind: 'database_growth',
        target: 'database',
        message: `The database grew by ${(growth / MB).toFixed(1)} MB since the previous look (over ${t.growthMb} MB); the server reports no free disk space here.`,
      });
  }
  return alerts;
}
