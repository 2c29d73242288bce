import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../../test/pg-harness';
import { partialPath, sweepLeftovers } from './owned-temp';
import { currentOwner, localProcessGone, ownerToken, parseOwnerToken } from './process-owner';

/** The pid of a process that has already ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

describe('owned leftovers', () => {
  let home: { dir: string; cleanup(): void };
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.cleanup());

  it('tells a live owner, a gone one and a reused pid apart', () => {
    expect(localProcessGone(currentOwner())).toBe(false);
    expect(localProcessGone({ pid: deadPid() })).toBe(true);
    if (currentOwner().ticks)
      expect(localProcessGone({ pid: process.pid, ticks: String(Number(currentOwner().ticks) + 1) })).toBe(true);
    expect(parseOwnerToken(ownerToken())).toEqual({ pid: process.pid, ticks: currentOwner().ticks });
    expect(parseOwnerToken(ownerToken({ ...currentOwner(), host: 'another-machine' }))).toBeUndefined();
  });

  it('sweeps only what a gone process of this machine left', async () => {
    const temp = path.join(home.dir, 'tmp');
    const dumps = path.join(home.dir, 'dumps');
    mkdirSync(dumps, { recursive: true });
    const gone = ownerToken({ ...currentOwner(), pid: deadPid(), ticks: undefined });
    const elsewhere = ownerToken({ ...currentOwner(), pid: deadPid(), host: 'another-machine' });
    const made = {
      goneDir: path.join(temp, `tenantry-pg-${gone}-abc123`),
      liveDir: path.join(temp, `tenantry-pg-${ownerToken()}-abc123`),
      otherHostDir: path.join(temp, `tenantry-restore-${elsewhere}-abc123`),
      notOurs: path.join(temp, 'tenantry-home-abc123'),
    };
    for (const dir of Object.values(made)) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(made.goneDir, 'pgpass'), '*:*:*:*:secret\n', { mode: 0o600 });
    const livePartial = partialPath(path.join(dumps, 'x.dump'));
    const gonePartial = path.join(dumps, `.y.dump.${gone}.0badc0de.partial`);
    writeFileSync(livePartial, 'half');
    writeFileSync(gonePartial, 'half');

    const removed = await sweepLeftovers([dumps], temp);
    expect(removed.sort()).toEqual([made.goneDir, gonePartial].sort());
    for (const kept of [made.liveDir, made.otherHostDir, made.notOurs, livePartial])
      expect(existsSync(kept)).toBe(true);
  });
});
