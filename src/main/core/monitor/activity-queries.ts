import type { ClientBase } from 'pg';
import type { ActiveQuery, BlockingEdge } from '../../../shared/model/monitor';

const HIDDEN = '<insufficient privilege>';
const QUERY_CHARS = 2000;

/** Superuser or pg_read_all_stats: may see every session's state and statement. */
export async function canReadAllStats(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS ok`,
  );
  return rows[0]?.ok ?? false;
}

export interface ConnectionCounts {
  total: number;
  max: number;
  /** Sessions whose state this role may not see. */
  hidden: number;
  byState: { key: string; count: number }[];
  byApplication: { key: string; count: number }[];
}

/** Server-wide, since max_connections is the server's limit. */
export async function connectionCounts(client: ClientBase): Promise<ConnectionCounts> {
  const { rows } = await client.query<{ state: string | null; application: string | null; n: number }>(
    `SELECT state, application_name AS application, count(*)::int AS n
       FROM pg_stat_activity
      -- Without pg_read_all_stats another role's backend_type is hidden too: count those as hidden sessions.
      WHERE backend_type = 'client backend' OR (backend_type IS NULL AND usesysid IS NOT NULL)
      GROUP BY 1, 2`,
  );
  const max = await client.query<{ max: number }>(`SELECT current_setting('max_connections')::int AS max`);
  const byState = new Map<string, number>();
  const byApp = new Map<string, number>();
  let total = 0;
  let hidden = 0;
  for (const r of rows) {
    total += r.n;
    if (r.state === null) hidden += r.n;
    const state = r.state ?? 'hidden';
    byState.set(state, (byState.get(state) ?? 0) + r.n);
    const app = r.application || '(none)';
    byApp.set(app, (byApp.get(app) ?? 0) + r.n);
  }
  const sorted = (m: Map<string, number>) =>
    [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { total, max: max.rows[0]?.max ?? 0, hidden, byState: sorted(byState), byApplication: sorted(byApp) };
}

/** Sessions of this database doing something (a statement, or an open transaction), longest first; not our own. */
export async function activeQueries(client: ClientBase, limit = 50): Promise<ActiveQuery[]> {
  const { rows } = await client.query<{
    pid: number;
    user: string | null;
    application: string | null;
    state: string | null;
    wait_event: string | null;
    started_at: Date | null;
    duration_ms: number;
    query: string | null;
  }>(
    `SELECT pid, usename AS user, application_name AS application, state,
            CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || ':' || wait_event END AS wait_event,
            started AS started_at,
            (extract(epoch FROM clock_timestamp() - started) * 1000)::float8 AS duration_ms,
            left(query, $2) AS query
       FROM (SELECT *, CASE WHEN state = 'active' THEN query_start ELSE coalesce(xact_start, query_start) END AS started
               FROM pg_stat_activity
              WHERE backend_type = 'client backend' AND datname = current_database() AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle') a
      WHERE started IS NOT NULL
      ORDER BY started
      LIMIT $1`,
    [limit, QUERY_CHARS],
  );
  return rows.map((r) => ({
    pid: r.pid,
    user: r.user,
    application: r.application,
    state: r.state,
    waitEvent: r.wait_event,
    startedAt: r.started_at ? r.started_at.toISOString() : null,
    durationMs: Math.max(0, Math.round(r.duration_ms)),
    query: r.query === HIDDEN ? null : r.query,
  }));
}

/** Who blocks whom, from pg_blocking_pids (heavyweight locks, including waits behind queued lockers). */
export async function blockingLocks(client: ClientBase): Promise<BlockingEdge[]> {
  const { rows } = await client.query<{
    blocked_pid: number;
    blocked_user: string | null;
    blocked_query: string | null;
    waiting_ms: number | null;
    blocking_pid: number;
    blocking_user: string | null;
    blocking_query: string | null;
    blocking_state: string | null;
  }>(
    `SELECT a.pid AS blocked_pid, a.usename AS blocked_user, left(a.query, $1) AS blocked_query,
            (extract(epoch FROM clock_timestamp() - coalesce(a.state_change, a.query_start)) * 1000)::float8 AS waiting_ms,
            bp.pid AS blocking_pid, b.usename AS blocking_user, left(b.query, $1) AS blocking_query, b.state AS blocking_state
       FROM pg_stat_activity a
       CROSS JOIN LATERAL unnest(pg_blocking_pids(a.pid)) AS bp(pid)
       LEFT JOIN pg_stat_activity b ON b.pid = bp.pid
      WHERE a.pid <> pg_backend_pid() AND (a.datname = current_database() OR a.datname IS NULL)
      ORDER BY waiting_ms DESC NULLS LAST, a.pid, bp.pid`,
    [QUERY_CHARS],
  );
  const shown = (q: string | null) => (q === HIDDEN ? null : q);
  return rows.map((r) => ({
    blockedPid: r.blocked_pid,
    blockedUser: r.blocked_user,
    blockedQuery: shown(r.blocked_query),
    waitingMs: Math.max(0, Math.round(r.waiting_ms ?? 0)),
    blockingPid: r.blocking_pid,
    blockingUser: r.blocking_user,
    blockingQuery: shown(r.blocking_query),
    blockingState: r.blocking_state,
  }));
}
