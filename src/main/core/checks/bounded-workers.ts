import type pg from 'pg';
import { toAppError } from '../db/pg-errors';
import { runWorkers } from '../domain/worker-pool';

/**
 * Runs `work` over `items` with at most `parallel` pooled connections, each worker keeping its
 * connection for the whole run (no checkout per item). Stops taking items once `signal` aborts.
 * Results come back in the items' order.
 */
export async function forEachWithClient<T, R>(
  pool: pg.Pool,
  items: T[],
  parallel: number,
  work: (client: pg.PoolClient, item: T, index: number) => Promise<R>,
  opts: {
    signal?: AbortSignal;
    onDone?: (done: number, item: T) => void;
    beforeRelease?: (client: pg.PoolClient) => Promise<void> | undefined;
  } = {},
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length);
  let done = 0;
  await runWorkers(items, { parallel, signal: opts.signal }, async (queue) => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw toAppError(e);
    }
    let broken: Error | undefined;
    try {
      for (const [item, index] of queue) {
        results[index] = await work(client, item, index);
        done += 1;
        opts.onDone?.(done, item);
      }
      await opts.beforeRelease?.(client);
    } catch (e) {
      broken = e as Error;
      throw e;
    } finally {
      // A connection that threw mid-transaction is not given back to the pool for reuse.
      client.release(broken);
    }
  });
  return results;
}
