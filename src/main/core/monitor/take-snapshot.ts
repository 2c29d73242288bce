import type { ClientBase } from 'pg';
import type { MonitorAlert, MonitorSnapshot, MonitorThresholds, SchemaSize } from '../../../shared/model/monitor';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { optionalProject } from '../project/project';
import { loadFleet } from '../domain/registry/fleet';
import { activeQueries, blockingLocks, canReadAllStats, connectionCounts } from './activity-queries';
import { recentBackups } from './backup-durations';
import { databaseSize, recentMigrations, schemaSizes } from './size-queries';
import { dataDirectorySpace, failedBackups, runTimesPerSchema, serviceAlerts } from './service-alerts';
import { readLastLook, writeLastLook } from './snapshot-store';

const MB = 1024 * 1024;
const LOCK_TIMEOUT_MS = 1000;

/** Registry names and states by schema; the monitor still works when no registry can be read. */
async function tenantLabels(
  client: ClientBase,
  profile: Profile,
  limits: string[],
): Promise<Map<string, { name: string; status: SchemaSize['status'] }>> {
  const labels = new Map<string, { name: string; status: SchemaSize['status'] }>();
  try {
    const project = await optionalProject(profile).catch(() => undefined);
    const fleet = await loadFleet(
      client,
      profile.registry !== 'auto' ? profile.registry : (project?.config.registry ?? 'auto'),
      project?.config.ignoreSchemas ?? [],
    );
    for (const t of fleet.tenants) {
      if (t.status === 'missing') continue;
      labels.set(t.schema, { name: t.name, status: t.shared ? 'shared' : t.status });
    }
  } catch (e) {
    limits.push(`Tenant names are not shown: the registry could not be read (${(e as Error).message}).`);
  }
  if (!labels.has('public')) labels.set('public', { name: 'public', status: 'shared' });
  return labels;
}

export function alertsFor(
  s: Pick<MonitorSnapshot, 'sizes' | 'longQueries' | 'connections'>,
  t: MonitorThresholds,
): MonitorAlert[] {
  const alerts: MonitorAlert[] = [];
  for (const size of s.sizes) {
    if (size.bytes > t.schemaMb * MB)
      alerts.push({
        kind: 'schema_size',
        target: size.schema,
        message: `${size.schema} holds ${(size.bytes / MB).toFixed(1)} MB (over ${t.schemaMb} MB).`,
      });
  }
  for (const q of s.longQueries) {
    if (q.durationMs > t.querySeconds * 1000)
      alerts.push({
        kind: 'long_query',
        target: String(q.pid),
        message: `Session ${q.pid} (${q.user ?? 'unknown'}) has run for ${Math.round(q.durationMs / 1000)} s (over ${t.querySeconds} s).`,
      });
  }
  if (s.connections.percent > t.connectionsPercent) {
    alerts.push({
      kind: 'connections',
      target: 'server',
      message: `${s.connections.total} of ${s.connections.max} connections in use (${s.connections.percent.toFixed(0)} %, over ${t.connectionsPercent} %).`,
    });
  }
  return alerts;
}

/** One look at a profile's server. Reads only; the local "last look" file is the one thing written. */
export async function takeSnapshot(
  deps: Pick<CoreDeps, 'pools' | 'dataDir'> & Partial<Pick<CoreDeps, 'audit'>>,
  profile: Profile,
  thresholds: MonitorThresholds,
): Promise<MonitorSnapshot> {
  const limits: string[] = [];
  const data = await deps.pools.withClient(profile, async (client) => {
    // The monitor must never queue behind a migration's locks (and so block others behind it).
    await client.query(`SET lock_timeout = '${LOCK_TIMEOUT_MS}ms'`);
    try {
      return await look(client);
    } finally {
      await client.query('RESET lock_timeout').catch(() => undefined);
    }
  });

  async function look(client: ClientBase) {
    const allStats = await canReadAllStats(client);
    const db = await databaseSize(client);
    const { sizes, estimated } = await schemaSizes(client);
    if (estimated)
      limits.push('Sizes are estimates from the planner statistics: a table was locked (a migration may be running).');
    const labels = await tenantLabels(client, profile, limits);
    const connections = await connectionCounts(client);
    const longQueries = await activeQueries(client);
    const blocking = await blockingLocks(client);
    const migrations = await recentMigrations(client);
    if (!allStats) {
      limits.push(
        `Role "${profile.user}" lacks pg_read_all_stats: other roles' sessions are counted but their state, statement and duration are hidden` +
          (connections.hidden ? ` (${connections.hidden} session${connections.hidden === 1 ? '' : 's'} hidden)` : '') +
          ', so their long queries and locks cannot be listed. Grant pg_read_all_stats to see them.',
      );
    }
    if (migrations.unreadable)
      limits.push(`${migrations.unreadable} migration ledger(s) are not readable by role "${profile.user}".`);
    if (migrations.failed)
      limits.push(
        `${migrations.failed} migration ledger(s) could not be read (locked by a running migration, or of an unexpected shape).`,
      );
    const disk = await dataDirectorySpace(client, profile);
    return { db, sizes, labels, connections, longQueries, blocking, migrations: migrations.rows, disk };
  }

  const previous = await readLastLook(deps.dataDir, profile.id);
  const takenAt = new Date().toISOString();
  const sizes: SchemaSize[] = data.sizes.map((s) => {
    const label = data.labels.get(s.schema);
    const before = previous?.sizes[s.schema];
    return {
      schema: s.schema,
      ...(label && label.name !== s.schema ? { tenant: label.name } : {}),
      status: label?.status ?? 'other',
      bytes: s.bytes,
      growthBytes: before === undefined ? null : s.bytes - before,
    };
  });
  await writeLastLook(deps.dataDir, profile.id, {
    takenAt,
    sizes: Object.fromEntries(sizes.map((s) => [s.schema, s.bytes])),
  }).catch(() => {
    limits.push('The sizes of this look could not be saved; growth will not be shown next time.');
  });
  const { total, max, byState, byApplication } = data.connections;
  const connections = { total, max, percent: max ? (total / max) * 100 : 0, byState, byApplication };
  const snapshot = {
    profileId: profile.id,
    takenAt,
    previousAt: previous?.takenAt ?? null,
    serverVersion: data.db.version,
    databaseBytes: data.db.bytes,
    sizes,
    connections,
    longQueries: data.longQueries,
    blocking: data.blocking,
    migrations: data.migrations,
    backups: await recentBackups(deps.dataDir, profile),
    limits,
    thresholds,
  };
  const runTimes = runTimesPerSchema(data.migrations);
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  const backupFailures = deps.audit
    ? failedBackups(await deps.audit.readAll().catch(() => []), profile.id, weekAgo)
    : [];
  const previousDatabaseBytes = previous ? Object.values(previous.sizes).reduce((sum, b) => sum + b, 0) : null;
  const service = serviceAlerts(
    {
      migrations: data.migrations,
      runTimes,
      backupFailures,
      disk: data.disk,
      databaseBytes: sizes.reduce((sum, x) => sum + x.bytes, 0),
      previousDatabaseBytes,
    },
    thresholds,
  );
  return {
    ...snapshot,
    runTimes,
    ...(data.disk ? { disk: data.disk } : {}),
    alerts: [...alertsFor(snapshot, thresholds), ...service],
  };
}
