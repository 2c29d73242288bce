/** One item a worker took from the shared queue, with its place in the list. */
export type Taken<T> = readonly [item: T, index: number];

export interface WorkerPoolOptions {
  /** The most workers at once: one at least, never more than there are items. */
  parallel: number;
  /** Once it aborts, no worker takes another item; the items already taken run to their end. */
  signal?: AbortSignal;
  /** Asked before each item is taken: true, and no worker takes another. */
  stopWhen?: () => boolean;
}

/**
 * Bounded concurrency over one shared queue: `worker` runs `parallel` times at once and each copy
 * draws `for (const [item, index] of queue)` until the queue is empty, stopped or aborted. A worker
 * keeps what it opened (a session) for all the items it draws. A worker that throws stops the others
 * taking more; once every worker has ended, the first failure is thrown.
 */
export async function runWorkers<T>(
  items: readonly T[],
  opts: WorkerPoolOptions,
  worker: (queue: Iterable<Taken<T>>) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const more = () => next < items.length && !failure && !opts.signal?.aborted && !opts.stopWhen?.();
  // No return() on the iterator: a worker leaving its loop early must not end the queue for the others.
  const queue: Iterable<Taken<T>> = {
    [Symbol.iterator]: () => ({
      next: (): IteratorResult<Taken<T>, undefined> => {
        if (!more()) return { done: true, value: undefined };
        const index = next++;
        return { done: false, value: [items[index], index] };
      },
    }),
  };
  const width = Math.max(1, Math.min(opts.parallel, items.length));
  await Promise.all(
    Array.from({ length: width }, async () => {
      try {
        await worker(queue);
      } catch (error) {
        failure ??= { error };
      }
    }),
  );
  if (failure) throw failure.error;
}

/**
 * `fn` over every item, at most `parallel` at once, results in the items' order. The first failure
 * stops the items not yet started and is thrown once the running ones have ended.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  parallel: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  await runWorkers(items, { parallel }, async (queue) => {
    for (const [item, index] of queue) results[index] = await fn(item, index);
  });
  return results;
}
