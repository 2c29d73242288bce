import { describe, expect, it } from 'vitest';
import type { Handlers } from './api';
import { lazyHandlers, lazyPort, type AreaLoader } from './lazy-areas';

const answer = (value: string) => async () => value;

describe('lazyHandlers', () => {
  it('loads an area on its first call only, and no other area', async () => {
    const loads: string[] = [];
    const area =
      (name: string, handlers: Record<string, () => Promise<string>>): AreaLoader =>
      async () => {
        loads.push(name);
        return handlers as unknown as Partial<Handlers>;
      };
    const monitor = area('monitor', { 'monitor.snapshot': answer('look'), 'ssh.acceptHostKey': answer('ok') });
    const lookup = lazyHandlers({ 'jobs.list': answer('jobs') } as unknown as Partial<Handlers>, {
      tenants: area('tenants', { 'tenants.list': answer('list') }),
      backups: area('backups', { 'backups.list': answer('backups') }),
      monitor,
      ssh: monitor,
    });

    expect(await (await lookup('jobs.list'))!(undefined)).toBe('jobs');
    expect(loads).toEqual([]);
    expect(await (await lookup('tenants.list'))!(undefined)).toBe('list');
    await Promise.all([lookup('tenants.list'), lookup('tenants.list')]);
    expect(loads).toEqual(['tenants']);
    expect(await (await lookup('ssh.acceptHostKey'))!(undefined)).toBe('ok');
    expect(await lookup('monitor.snapshot')).toBeDefined();
    expect(loads).toEqual(['tenants', 'monitor']);
  });

  it('knows no call its areas do not define, and loads nothing for an unknown prefix', async () => {
    let loaded = 0;
    const lookup = lazyHandlers(
      {},
      {
        tenants: async () => {
          loaded++;
          return {};
        },
      },
    );
    for (const name of ['nope.never', 'constructor', 'toString.call', '__proto__.x', 'hasOwnProperty.x', ''])
      expect(await lookup(name), name).toBeUndefined();
    expect(loaded).toBe(0);
    expect(await lookup('tenants.nope')).toBeUndefined();
    expect(loaded).toBe(1);
  });

  it('tries a failed load again on the next call', async () => {
    let tries = 0;
    const lookup = lazyHandlers(
      {},
      {
        tenants: async () => {
          if (++tries === 1) throw new Error('chunk gone');
          return { 'tenants.list': answer('list') } as unknown as Partial<Handlers>;
        },
      },
    );
    await expect(lookup('tenants.list')).rejects.toThrow('chunk gone');
    expect(await lookup('tenants.list')).toBeDefined();
    expect(tries).toBe(2);
  });
});

describe('lazyPort', () => {
  interface Port {
    take(n: number): Promise<number>;
    latest(): Promise<string>;
  }

  it('loads its implementation on the first call, once, and passes the arguments through', async () => {
    let loads = 0;
    const port = lazyPort<Port>(
      async () => {
        loads++;
        return { take: async (n) => n * 2, latest: async () => 'newest' };
      },
      { take: true, latest: true },
    );
    expect(loads).toBe(0);
    expect(await Promise.all([port.take(21), port.latest()])).toEqual([42, 'newest']);
    expect(await port.take(1)).toBe(2);
    expect(loads).toBe(1);
  });
});
