import { promises as fs } from 'node:fs';
import path from 'node:path';
import type lockfile from 'proper-lockfile';
import { AppError } from '../../shared/errors';

/**
 * The one cross-process lock of the data folder (CLI.md "Processes and locks"): a `<file>.lock`
 * folder made by proper-lockfile, kept fresh while held, taken over once it is stale (its holder
 * was killed). Works between the app, any number of CLI processes and `serve`, on one machine or
 * on a shared network folder.
 */
const STALE_MS = 10_000;

// Within one process the lock is also a queue, so our own callers wait in line instead of polling.
const queues = new Map<string, Promise<unknown>>();

// Loaded on the first lock: commands that only read the data folder never load it (start-up).
const properLockfile = async (): Promise<typeof lockfile> => (await import('proper-lockfile')).default;

export const lockPathFor = (file: string) => `${file}.lock`;

function lockOptions(
  file: string,
  retries: lockfile.LockOptions['retries'],
  onCompromised: (e: Error) => void,
): lockfile.LockOptions {
  return { stale: STALE_MS, realpath: false, lockfilePath: lockPathFor(file), retries, onCompromised };
}

async function acquire(file: string, waitMs: number, onCompromised: (e: Error) => void): Promise<() => Promise<void>> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Short, jittered polls: most holders keep a data-file lock for a few milliseconds.
  const retries = { retries: Math.ceil(waitMs / 50), minTimeout: 5, maxTimeout: 100, factor: 1.5, randomize: true };
  const { lock } = await properLockfile();
  try {
    return await lock(file, lockOptions(file, retries, onCompromised));
  } catch (e) {
    if ((e as { code?: string }).code !== 'ELOCKED') throw e;
    throw new AppError(
      'LOCK_TIMEOUT',
      `${path.basename(file)} is held by another Tenantry process and was not released within ${Math.round(waitMs / 1000)} s.`,
      `Wait for the other process to finish, then try again (its lock is ${lockPathFor(file)}).`,
    );
  }
}

/**
 * Runs `fn` while this process holds the exclusive lock of `file`: every read-modify-write of a
 * data-folder file goes through here, re-reading the file inside `fn`.
 */
export function withFileLock<T>(file: string, fn: () => Promise<T>, opts: { waitMs?: number } = {}): Promise<T> {
  const key = path.resolve(file);
  const run = async () => {
    // A lock stolen from us (a stall longer than STALE_MS) must not crash the process: the
    // write is still atomic, and the next writer re-reads.
    const release = await acquire(key, opts.waitMs ?? 30_000, () => undefined);
    try {
      return await fn();
    } finally {
      await release().catch(() => undefined);
    }
  };
  const next = (queues.get(key) ?? Promise.resolve()).then(run, run);
  const tail = next.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return next;
}

/**
 * Holds the lock of `file` until release() (a restore holds its journal's for its lifetime).
 * Refused at once when another live process holds it.
 */
export async function holdFileLock(file: string): Promise<() => Promise<void>> {
  return acquire(path.resolve(file), 0, () => undefined);
}

/** Whether a live process holds the lock of `file` (a stale lock, left by a killed holder, is not held). */
export async function isFileLockHeld(file: string): Promise<boolean> {
  return (await properLockfile())
    .check(path.resolve(file), { stale: STALE_MS, realpath: false, lockfilePath: lockPathFor(path.resolve(file)) })
    .catch(() => false);
}
