import type { ClientBase, PoolClient } from 'pg';
import { runWorkers } from './worker-pool';

/** A second session for work split across sessions: released by the one that asked for it. */
export type OpenSession = () => Promise<PoolClient>;

/**
 * `work` over every item on the caller's session and, when `another` opens one, a second: both draw
 * from one queue, so the first works while the second connects. A refused second session (no free
 * connections) leaves every item to the first. Reads of many ledgers gain here: most of a fresh
 * session's read is the server loading each table's catalog entries, which two sessions share.
 */
export async function onTwoSessions<T>(
  client: ClientBase,
  another: OpenSession | undefined,
  items: readonly T[],
  work: (session: ClientBase, item: T) => Promise<void>,
): Promise<void> {
  let workers = 0;
  await runWorkers(items, { parallel: another ? 2 : 1 }, async (queue) => {
    const second = workers++ === 0 || !another ? undefined : await another().catch(() => null);
    if (second === null) return;
    let lost: Error | undefined;
    try {
      for (const [item] of queue) await work(second ?? client, item);
    } catch (e) {
      throw (lost = e as Error);
    } finally {
      second?.release(lost);
    }
  });
}
