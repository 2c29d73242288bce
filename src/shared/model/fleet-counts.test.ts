import { describe, expect, it } from 'vitest';
import { countFleet, listedRows } from './fleet-counts';

describe('one vocabulary of fleet counts', () => {
  it('splits the sandbox fleet as every screen names it: registered = with schema + missing; orphan and shared apart', () => {
    const rows = [
      ...Array.from({ length: 24 }, () => ({ status: 'active' })),
      { status: 'suspended' },
      { status: 'missing' },
      { status: 'orphan' },
      { status: 'active', shared: true },
    ];
    const c = countFleet(rows);
    expect(c).toEqual({ registered: 26, withSchema: 25, missing: 1, orphan: 1, shared: 1, suspended: 1 });
    expect(c.withSchema + c.missing).toBe(c.registered);
    expect(listedRows(c)).toBe(rows.length);
  });
});
