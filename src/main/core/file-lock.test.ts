import { mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../../test/pg-harness';
import { holdFileLock, isFileLockHeld, lockPathFor, withFileLock } from './file-lock';

describe('the data-folder file lock', () => {
  let home: { dir: string; cleanup(): void };
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.cleanup());

  it('runs read-modify-writes of one file one at a time, in order', async () => {
    const file = path.join(home.dir, 'a.json');
    const seen: string[] = [];
    await Promise.all(
      ['1', '2', '3'].map((n) =>
        withFileLock(file, async () => {
          seen.push(`in ${n}`);
          await new Promise((r) => setTimeout(r, 20));
          seen.push(`out ${n}`);
        }),
      ),
    );
    expect(seen).toEqual(['in 1', 'out 1', 'in 2', 'out 2', 'in 3', 'out 3']);
  });

  it('a held lock refuses a second holder at once and reads as held; released, it is free', async () => {
    const file = path.join(home.dir, 'journal.json');
    const release = await holdFileLock(file);
    expect(await isFileLockHeld(file)).toBe(true);
    await expect(holdFileLock(file)).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
    await expect(withFileLock(file, async () => 1, { waitMs: 100 })).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
    await release();
    expect(await isFileLockHeld(file)).toBe(false);
  });

  it('a lock left by a killed holder (not refreshed for longer than the stale time) is taken over', async () => {
    const file = path.join(home.dir, 'catalog.json');
    mkdirSync(lockPathFor(file));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(file), old, old);
    expect(await isFileLockHeld(file)).toBe(false);
    expect(await withFileLock(file, async () => 'done', { waitMs: 100 })).toBe('done');
  });
});
