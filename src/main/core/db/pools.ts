import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import type { Profile } from '../../../shared/model/profile';
import type { SecretStore } from '../profiles/secret-store';
import { poolConfig, throughTunnel, tlsOptions } from './connection-config';
import { AppError } from '../../../shared/errors';
import { toConnectError } from './pg-errors';
import { SshTunnels } from './ssh-tunnel';

// int8 and numeric keep pg's default: exact text, never a JS double. Code that needs a number
// casts in SQL (count(*)::int) or converts a value it knows is small.

/** The most tenants one run may work on at once over a profile's pool (checks, fixes, actions); more is refused. */
export const MAX_PARALLEL = 32;
/** A pool's size until a run asks for more. */
const DEFAULT_POOL_SIZE = 10;
/** Connections kept beside a run's workers for the rest of the console (lists, monitor). */
const HEADROOM = 2;

/** Refuses a parallelism above MAX_PARALLEL (PARALLEL_TOO_HIGH, exit 2) instead of quietly capping it; `source` says where it came from. */
export function requireParallel(parallel: number, source: string): number {
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new AppError(
      'PARALLEL_TOO_HIGH',
      `${source} must be a whole number from 1 to ${MAX_PARALLEL}; it is ${parallel}.`,
      `Use 1 to ${MAX_PARALLEL}.`,
      { field: 'parallel' },
    );
  if (parallel > MAX_PARALLEL) {
    throw new AppError(
      'PARALLEL_TOO_HIGH',
      `${source} asks for ${parallel} tenants at once; a run uses at most ${MAX_PARALLEL} connections of a profile's pool.`,
      `Use ${MAX_PARALLEL} or less (each tenant at once is one more server connection).`,
      { field: 'parallel' },
    );
  }
  return parallel;
}

/** One pg.Pool per profile, created on first use and closed when the profile changes. */
export class Pools {
  private pools = new Map<string, { pool: pg.Pool; signature: string }>();
  private tlsChoice = new Map<string, false | ConnectionOptions>();
  private opening = new Map<string, Promise<pg.Pool>>();
  private tunnels = new SshTunnels();

  constructor(private readonly secrets: SecretStore) {}

  async get(profile: Profile): Promise<pg.Pool> {
    const signature = JSON.stringify({ ...profile, createdAt: 0, updatedAt: 0, name: 0, color: 0 });
    const existing = this.pools.get(profile.id);
    if (existing && existing.signature === signature && !this.tunnels.isDown(profile.id)) return existing.pool;
    // Calls at once for one profile share the pool being opened.
    const key = `${profile.id}\n${signature}`;
    const opening = this.opening.get(key) ?? this.open(profile, signature, existing !== undefined);
    this.opening.set(key, opening);
    return opening.finally(() => this.opening.delete(key));
  }

  private async open(profile: Profile, signature: string, replacing: boolean): Promise<pg.Pool> {
    if (replacing) await this.close(profile.id);
    const ssl = tlsOptions(profile);
    const known = this.tlsFor(profile);
    let pool = await this.newPool(profile, known ?? ssl);
    // 'prefer' means TLS when the server offers it. The pool's first connection asks for it and,
    // kept idle, serves the first query; a server without TLS gets a plain pool instead. A server
    // that did not answer (down, or the password refused) settles nothing: the pool is kept under a
    // signature no call matches, so the next call asks again.
    let settled = true;
    if (known === undefined) {
      const answer = await pool.connect().then(
        (first) => (first.release(), 'tls' as const),
        (e: Error) => (/does not support SSL/i.test(e.message) ? ('plain' as const) : undefined),
      );
      settled = answer !== undefined;
      if (answer) this.tlsChoice.set(tlsKey(profile), answer === 'plain' ? false : ssl);
      if (answer === 'plain') {
        await pool.end().catch(() => undefined);
        pool = await this.newPool(profile, false);
      }
    }
    this.pools.set(profile.id, { pool, signature: settled ? signature : '' });
    return pool;
  }

  /** The TLS settings a connection uses; undefined while 'prefer' has not yet asked this server. */
  private tlsFor(profile: Profile): false | ConnectionOptions | undefined {
    return profile.sslmode === 'prefer' ? this.tlsChoice.get(tlsKey(profile)) : tlsOptions(profile);
  }

  private async newPool(profile: Profile, ssl: false | ConnectionOptions): Promise<pg.Pool> {
    const pool = new pg.Pool({ ...(await this.config(profile, ssl)), max: DEFAULT_POOL_SIZE });
    pool.on('error', () => {
      // An idle client lost its connection; the next checkout reconnects.
    });
    // A checked-out client has no listener of the pool's: a server that stops mid-query would
    // otherwise be an unhandled 'error' event that ends the process. The query itself rejects.
    pool.on('connect', (client) => client.on('error', ignoreLostConnection));
    return pool;
  }

  /**
   * The profile's pool with room for `parallel` workers beside the console's own use: its size
   * follows the run's parallelism (never shrinking under a run in flight), up to MAX_PARALLEL.
   */
  async sized(profile: Profile, parallel: number, source = 'parallel'): Promise<pg.Pool> {
    requireParallel(parallel, source);
    const pool = await this.get(profile);
    pool.options.max = Math.max(pool.options.max, parallel + HEADROOM);
    return pool;
  }

  /** The pg config, through the profile's SSH tunnel when it has one (opened on first use, closed with the pool). */
  private async config(profile: Profile, ssl: false | ConnectionOptions): Promise<pg.PoolConfig> {
    return throughTunnel(poolConfig(profile, this.secrets, ssl), profile, await this.tunnels.route(profile));
  }

  /** A client of the profile's pool, released by the caller. */
  async lease(profile: Profile): Promise<pg.PoolClient> {
    const pool = await this.get(profile);
    try {
      return await pool.connect();
    } catch (e) {
      throw toConnectError(e, profile);
    }
  }

  async withClient<T>(profile: Profile, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.lease(profile);
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  /** A client outside any pool, for work that needs its own session (locks, no-transaction files). */
  async dedicatedClient(profile: Profile): Promise<pg.Client> {
    // 'prefer' asks the server once, through the profile's pool.
    if (this.tlsFor(profile) === undefined) await this.get(profile);
    const client = new pg.Client(
      (await this.config(profile, this.tlsFor(profile) ?? tlsOptions(profile))) as pg.ClientConfig,
    );
    client.on('error', ignoreLostConnection);
    try {
      await client.connect();
    } catch (e) {
      throw toConnectError(e, profile);
    }
    return client;
  }

  async close(id: string): Promise<void> {
    const entry = this.pools.get(id);
    this.pools.delete(id);
    await entry?.pool.end().catch(() => undefined);
    await this.tunnels.close(id);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.pools.keys()].map((id) => this.close(id)));
    await this.tunnels.closeAll();
  }
}

const tlsKey = (profile: Profile) => `${profile.host}:${profile.port}`;

/**
 * Every client's 'error' listener. pg rejects the running (and every queued) query with the same
 * error, and callers turn that into CONNECTION_LOST; the event itself carries nothing more.
 */
function ignoreLostConnection(): void {}
