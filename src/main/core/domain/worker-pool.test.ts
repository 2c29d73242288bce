import { describe, expect, it } from 'vitest';
import { mapPool, runWorkers } from './worker-pool';

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Items that finish only when the test says so, counting how many run at once. */
function gated(count: number) {
  const gates = Array.from({ length: count }, deferred);
  const started: number[] = [];
  let running = 0;
  let most = 0;
  const run = async (i: number) => {
    started.push(i);
    most = Math.max(most, ++running);
    try {
      await gates[i].promise;
    } finally {
      running--;
    }
    return i * 10;
  };
  return { gates, started, run, most: () => most };
}

describe('mapPool', () => {
  it('runs every item once, at most `parallel` at once, results in the items order', async () => {
    const g = gated(5);
    const done = mapPool([0, 1, 2, 3, 4], 2, (i) => g.run(i));
    await settle();
    expect(g.started).toEqual([0, 1]);
    for (const i of [3, 1, 0, 2, 4]) {
      g.gates[i].resolve();
      await settle();
    }
    expect(await done).toEqual([0, 10, 20, 30, 40]);
    expect(g.started.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(g.most()).toBe(2);
  });

  it('stops taking items at the first failure and throws it once the running items end', async () => {
    const g = gated(5);
    let finished = false;
    const done = mapPool([0, 1, 2, 3, 4], 2, (i) => g.run(i)).finally(() => (finished = true));
    done.catch(() => undefined);
    await settle();
    g.gates[0].reject(new Error('first'));
    await settle();
    expect(finished).toBe(false);
    g.gates[1].reject(new Error('second'));
    await expect(done).rejects.toThrow('first');
    expect(g.started).toEqual([0, 1]);
  });

  it('returns an empty list for no items', async () => {
    expect(await mapPool([], 4, async () => 1)).toEqual([]);
  });
});

describe('runWorkers', () => {
  it('starts one worker per slot, each keeping its own state for all the items it draws', async () => {
    const drawn: string[][] = [];
    await runWorkers(['a', 'b', 'c', 'd', 'e'], { parallel: 3 }, async (queue) => {
      const mine: string[] = [];
      drawn.push(mine);
      for (const [item] of queue) {
        mine.push(item);
        await settle();
      }
    });
    expect(drawn).toHaveLength(3);
    expect(drawn.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('starts one worker even with no items or a parallel below one, and never more than the items', async () => {
    let workers = 0;
    await runWorkers([], { parallel: 4 }, async () => void workers++);
    await runWorkers([1, 2], { parallel: 0 }, async () => void workers++);
    await runWorkers([1, 2], { parallel: 8 }, async () => void workers++);
    expect(workers).toBe(1 + 1 + 2);
  });

  it('gives each index with its item', async () => {
    const seen: [string, number][] = [];
    await runWorkers(['x', 'y'], { parallel: 1 }, async (queue) => {
      for (const [item, index] of queue) seen.push([item, index]);
    });
    expect(seen).toEqual([
      ['x', 0],
      ['y', 1],
    ]);
  });

  it('takes no more items once the signal aborts; the taken ones end normally', async () => {
    const g = gated(4);
    const controller = new AbortController();
    const done = runWorkers([0, 1, 2, 3], { parallel: 2, signal: controller.signal }, async (queue) => {
      for (const [i] of queue) await g.run(i);
    });
    await settle();
    controller.abort();
    g.gates[0].resolve();
    g.gates[1].resolve();
    await done;
    expect(g.started).toEqual([0, 1]);
  });

  it('takes no more items once stopWhen says so', async () => {
    const taken: number[] = [];
    await runWorkers([0, 1, 2, 3, 4], { parallel: 1, stopWhen: () => taken.includes(2) }, async (queue) => {
      for (const [i] of queue) taken.push(i);
    });
    expect(taken).toEqual([0, 1, 2]);
  });

  it('a worker leaving its loop early leaves the rest of the queue to the others', async () => {
    const taken: number[] = [];
    let first = true;
    await runWorkers([0, 1, 2, 3], { parallel: 2 }, async (queue) => {
      const quitter = first;
      first = false;
      for (const [i] of queue) {
        taken.push(i);
        if (quitter) break;
        await settle();
      }
    });
    expect(taken.sort()).toEqual([0, 1, 2, 3]);
  });

  it('a worker that throws before drawing (a session that does not open) stops the others and is thrown', async () => {
    const taken: number[] = [];
    let first = true;
    const done = runWorkers([0, 1, 2, 3], { parallel: 2 }, async (queue) => {
      if (first) {
        first = false;
        throw new Error('no connection');
      }
      await settle();
      for (const [i] of queue) taken.push(i);
    });
    await expect(done).rejects.toThrow('no connection');
    expect(taken).toEqual([]);
  });
});
