import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { escapeLiteral, type ClientBase } from 'pg';
import { AppError } from '../../../shared/errors';
import { whoAmI } from './who-am-i';

/**
 * One advisory lock per tenant schema, beside the fleet lock of `migrate` ('TENT'/'MIGR'):
 * classid 'TENL', objid a 31-bit hash of the schema name. Every operation that changes a tenant
 * holds it (CLI.md "Processes and locks"); another one waits `--lock-wait` seconds, then is
 * refused with TENANT_LOCKED naming the holder.
 */
export const TENANT_LOCK_CLASS = 0x54454e4c;
export const DEFAULT_LOCK_WAIT_SECONDS = 5;
const POLL_MS = 100;

let defaultWaitSeconds = DEFAULT_LOCK_WAIT_SECONDS;

/** The process-wide wait (the CLI's `--lock-wait`, 5 s elsewhere); a call may still pass its own. */
export function setTenantLockWait(seconds: number | undefined): void {
  defaultWaitSeconds =
    seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_LOCK_WAIT_SECONDS;
}

export function tenantLockWait(): number {
  return defaultWaitSeconds;
}

/** Positive, so that pg_locks.objid (an oid) compares with it directly. */
export function tenantLockKey(schema: string): number {
  return createHash('sha256').update(schema, 'utf8').digest().readUInt32BE(0) & 0x7fffffff;
}

export interface TenantLockOptions {
  /** What the holder is doing, for whoever is refused: "migrate", "restore"… */
  what: string;
  waitSeconds?: number;
  signal?: AbortSignal;
}

export interface TenantLockHolder {
  pid: number;
  user: string;
  application: string;
  clientAddr: string | null;
}

function me(): string {
  return `${whoAmI()}@${hostname()} pid ${process.pid}`;
}

function label(what: string, schema: string): string {
  return `tenantry ${what} ${schema} · ${me()}`.slice(0, 63);
}

/** Who holds `schema`'s lock, from pg_locks and pg_stat_activity. */
export async function tenantLockHolders(client: ClientBase, schema: string): Promise<TenantLockHolder[]> {
  const { rows } = await client.query<{
    pid: number;
    usename: string | null;
    application_name: string | null;
    client_addr: string | null;
  }>(
    `SELECT a.pid, a.usename, a.application_name, a.client_addr::text AS client_addr
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 2 AND l.pid <> pg_backend_pid()`,
    [TENANT_LOCK_CLASS, tenantLockKey(schema)],
  );
  return rows.map((r) => ({
    pid: r.pid,
    user: r.usename ?? '?',
    application: r.application_name ?? '',
    clientAddr: r.client_addr,
  }));
}

async function refusal(client: ClientBase, schema: string, what: string, waited: number): Promise<AppError> {
  const holders = await tenantLockHolders(client, schema).catch(() => []);
  const named = holders
    .map(
      (h) =>
        `${h.application || 'a session'} (server pid ${h.pid}, user ${h.user}${h.clientAddr ? ` from ${h.clientAddr}` : ''})`,
    )
    .join('; ');
  return new AppError(
    'TENANT_LOCKED',
    `${schema} is held by another operation: ${named || 'a session that has just ended'}. Waited ${waited} s; ${what} did nothing.`,
    'Wait for that operation to finish and try again, or wait longer with --lock-wait SECONDS; end that session only if it is stuck.',
    { tenant: schema },
  );
}

/** One try for `schema`'s lock that also names the session (for the transaction only when `local`); its row says `ok`. */
function tryLockSql(fn: string, schema: string, what: string, local: boolean): string {
  return `SELECT set_config('application_name', ${escapeLiteral(label(what, schema))}, ${local}), ${fn}(${TENANT_LOCK_CLASS}, ${tenantLockKey(schema)}) AS ok`;
}

/** Polls a try-lock; the session is named in the same round trip (one per tenant when free). */
async function pollFor(
  client: ClientBase,
  fn: string,
  schema: string,
  opts: TenantLockOptions,
  local: boolean,
): Promise<void> {
  const wait = opts.waitSeconds ?? defaultWaitSeconds;
  const deadline = Date.now() + wait * 1000;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>(tryLockSql(fn, schema, opts.what, local));
    if (rows[0]?.ok) return;
    if (opts.signal?.aborted)
      throw new AppError('CANCELLED', `Cancelled while waiting for ${schema}'s lock.`, undefined, { tenant: schema });
    if (Date.now() >= deadline) throw await refusal(client, schema, opts.what, wait);
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}

/**
 * Takes `schema`'s lock for the session of `client` and names the session after the operation;
 * the returned function releases both. On a pool client, release before the client goes back.
 */
export async function lockTenant(
  client: ClientBase,
  schema: string,
  opts: TenantLockOptions,
): Promise<() => Promise<void>> {
  try {
    await pollFor(client, 'pg_try_advisory_lock', schema, opts, false);
  } catch (e) {
    await client.query('RESET application_name').catch(() => undefined);
    throw e;
  }
  let held = true;
  return async () => {
    if (!held) return;
    held = false;
    // A lost connection has released the lock already; nothing to report then.
    // Integers of ours, so one simple-protocol round trip can carry both statements.
    await client
      .query(`SELECT pg_advisory_unlock(${TENANT_LOCK_CLASS}, ${tenantLockKey(schema)}); RESET application_name`)
      .catch(() => undefined);
  };
}

/** Holds `schema`'s lock on `client`'s session while `fn` runs. */
export async function withTenantLock<T>(
  client: ClientBase,
  schema: string,
  opts: TenantLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const release = await lockTenant(client, schema, opts);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Inside an open transaction: the lock (and the session's name) go with its COMMIT or ROLLBACK. */
export async function lockTenantInTransaction(
  client: ClientBase,
  schema: string,
  opts: TenantLockOptions,
): Promise<void> {
  await pollFor(client, 'pg_try_advisory_xact_lock', schema, opts, true);
}

/**
 * The first try for `schema`'s lock inside a transaction, as SQL to send with its BEGIN: a free
 * tenant costs no round trip of its own. Its row's `ok` says whether the lock was taken; if not,
 * `lockTenantInTransaction` waits for it as usual.
 */
export function tryTenantLockInTransactionSql(schema: string, what: string): string {
  return tryLockSql('pg_try_advisory_xact_lock', schema, what, true);
}

/** Several tenants in one open transaction (a baseline chunk): all held, or TENANT_LOCKED naming the first one held elsewhere. */
export async function lockTenantsInTransaction(
  client: ClientBase,
  schemas: string[],
  opts: TenantLockOptions,
): Promise<void> {
  const wait = opts.waitSeconds ?? defaultWaitSeconds;
  const deadline = Date.now() + wait * 1000;
  let left = [...new Set(schemas)];
  if (left.length)
    await client.query(`SELECT set_config('application_name', $1, true)`, [
      label(opts.what, left.length === 1 ? left[0] : `${left.length} tenants`),
    ]);
  while (left.length) {
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1, k) AS ok FROM unnest($2::int[]) WITH ORDINALITY AS u(k, i) ORDER BY i',
      [TENANT_LOCK_CLASS, left.map(tenantLockKey)],
    );
    left = left.filter((_, i) => !rows[i]?.ok);
    if (!left.length) return;
    if (opts.signal?.aborted)
      throw new AppError('CANCELLED', `Cancelled while waiting for ${left[0]}'s lock.`, undefined, { tenant: left[0] });
    if (Date.now() >= deadline) throw await refusal(client, left[0], opts.what, wait);
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}
