import { hostname } from 'node:os';
import type pg from 'pg';
import { AppError } from '../../../../shared/errors';
import { whoAmI } from '../who-am-i';

/** 'TENT' / 'MIGR': one advisory lock per database for every migrate, dry run and rollback. */
export const LOCK_KEY: [number, number] = [0x54454e54, 0x4d494752];

export interface LockHolder {
  pid: number;
  user: string;
  application: string;
  clientAddr: string | null;
  since: string | null;
}

function who(): string {
  return `${whoAmI()}@${hostname()}`;
}

/** Who holds the migration lock on this database, from pg_locks and pg_stat_activity. */
export async function lockHolders(client: pg.ClientBase): Promise<LockHolder[]> {
  const { rows } = await client.query<{
    pid: number;
    usename: string;
    application_name: string;
    client_addr: string | null;
    backend_start: Date | null;
  }>(
    `SELECT a.pid, a.usename, a.application_name, a.client_addr::text AS client_addr, a.backend_start
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 2 AND l.pid <> pg_backend_pid()`,
    LOCK_KEY,
  );
  return rows.map((r) => ({
    pid: r.pid,
    user: r.usename,
    application: r.application_name,
    clientAddr: r.client_addr,
    since: r.backend_start?.toISOString() ?? null,
  }));
}

/**
 * Takes the database's migration lock on `session` (a dedicated connection the caller keeps for
 * the whole run; the lock goes with it). Refuses at once with LOCK_HELD naming the holder.
 */
export async function acquireMigrationLock(session: pg.Client, what: string): Promise<void> {
  await session.query(`SELECT set_config('application_name', $1, false)`, [`tenantry ${what} · ${who()}`.slice(0, 63)]);
  const { rows } = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', LOCK_KEY);
  if (rows[0]?.ok) return;
  const holders = await lockHolders(session);
  const named = holders
    .map(
      (h) =>
        `${h.application || 'a session'} (pid ${h.pid}, user ${h.user}${h.clientAddr ? ` from ${h.clientAddr}` : ''}${h.since ? `, connected ${h.since}` : ''})`,
    )
    .join('; ');
  throw new AppError(
    'LOCK_HELD',
    `Another migration holds this database's lock: ${named || 'a session that has just ended'}.`,
    'Wait for it to finish (two consoles must not migrate one database at once), or end that session if it is stuck.',
  );
}

export async function releaseMigrationLock(session: pg.Client): Promise<void> {
  await session.query('SELECT pg_advisory_unlock($1, $2)', LOCK_KEY).catch(() => undefined);
}
