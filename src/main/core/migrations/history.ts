import type { MigrationHistory } from '../../../shared/model/migrations';
import type { StatusContext } from './status-service';

/** Durations per migration and per tenant from the ledgers already read: the slowest tenants first. */
export function buildHistory(ctx: Pick<StatusContext, 'status' | 'ledgers'>, limit: number): MigrationHistory {
  const perMigration = new Map<string, { count: number; totalMs: number; maxMs: number }>();
  const tenants: MigrationHistory['slowestTenants'] = [];
  const recent: MigrationHistory['recent'] = [];
  for (const row of ctx.status.tenants) {
    const ledger = ctx.ledgers.get(row.schema)?.tenantry ?? [];
    let totalMs = 0;
    let count = 0;
    let last: string | undefined;
    for (const entry of ledger) {
      recent.push({
        schema: row.schema,
        name: entry.name,
        appliedAt: entry.appliedAt,
        durationMs: entry.durationMs,
        state: entry.state,
      });
      if (entry.state !== 'applied') continue;
      const ms = entry.durationMs ?? 0;
      const m = perMigration.get(entry.name) ?? { count: 0, totalMs: 0, maxMs: 0 };
      m.count++;
      m.totalMs += ms;
      m.maxMs = Math.max(m.maxMs, ms);
      perMigration.set(entry.name, m);
      totalMs += ms;
      count++;
      if (!last || entry.appliedAt > last) last = entry.appliedAt;
    }
    if (count && !row.shared)
      tenants.push({ schema: row.schema, totalMs, count, ...(last ? { lastAppliedAt: last } : {}) });
  }
  const order = [...ctx.status.sharedMigrations, ...ctx.status.migrations];
  const rank = (n: string) => (order.indexOf(n) < 0 ? order.length : order.indexOf(n));
  return {
    migrations: [...perMigration.entries()]
      .map(([name, m]) => ({
        name,
        count: m.count,
        totalMs: m.totalMs,
        maxMs: m.maxMs,
        avgMs: Math.round((m.totalMs / m.count) * 10) / 10,
      }))
      .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name)),
    slowestTenants: tenants.sort((a, b) => b.totalMs - a.totalMs).slice(0, 20),
    recent: recent.sort((a, b) => (a.appliedAt < b.appliedAt ? 1 : -1)).slice(0, limit),
  };
}
