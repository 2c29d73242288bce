import type pg from 'pg';
import { toAppError } from '../db/pg-errors';

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
  let next = 0;
  let done = 0;
  const workers = Math.max(1, Math.min(parallel, items.length));
  const worker = async () => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw toAppError(e);
    }
    let broken: Error | undefined;
    try {
      while (next < items.length && !opts.signal?.aborted) {
        const index = next++;
        results[index] = await work(client, items[index], index);
        done += 1;
        opts.onDone?.(done, items[index]);
      }
      await opts.beforeRelease?.(client);
    } catch (e) {
      broken = e as Error;
      throw e;
    } finally {
      // A connection that threw mid-transaction is not given back to the pool for reuse.
      client.release(broken);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
