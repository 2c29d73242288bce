import { describe, expect, it } from 'vitest';
import type { BackupEntry } from '../../../shared/model/backups';
import { byTime } from './backup-order';
import { selectExpired } from './retention';

/** Two backups of one tenant within one second: the later one's random id tail sorts first. */
const entry = (id: string, createdAt: string) =>
  ({ id, createdAt, schemas: ['tenant_a'], scope: 'tenant' }) as unknown as BackupEntry;
const earlier = entry('20261203T092321Z-e76bab', '2026-12-03T09:23:21.120Z');
const later = entry('20261203T092321Z-d5c1fe', '2026-12-03T09:23:21.870Z');

describe('backups in time order', () => {
  it('orders two backups of the same second by when they started, not by their ids', () => {
    expect([later, earlier].sort(byTime)).toEqual([earlier, later]);
  });

  it('keeps the newest of them when retention keeps the last one', () => {
    expect(selectExpired([earlier, later], { keepLast: 1 }).map((e) => e.id)).toEqual([earlier.id]);
  });
});
