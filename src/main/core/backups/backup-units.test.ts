import { statSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planBatches, lockBudget } from './fleet-plan';
import { childEnv, classifyPgFailure, connectionArgs, withPassfile } from './pg-process';
import { filterToc } from './toc';

const target = {
  host: '127.0.0.1',
  port: 5432,
  database: 'my db=x',
  user: 'postgres',
  sslmode: 'disable' as const,
  readOnly: false,
};

describe('backups: pure parts', () => {
  it('batches schemas by the lock budget, keeping each whole', () => {
    expect(lockBudget(64, 100)).toBe(3200);
    expect(
      planBatches(
        [
          { schema: 'a', tables: 4 },
          { schema: 'b', tables: 4 },
          { schema: 'c', tables: 4 },
        ],
        9,
      ),
    ).toEqual([['a', 'b'], ['c']]);
    expect(planBatches([{ schema: 'big', tables: 50 }], 9)).toEqual([['big']]);
  });

  it('filters a pg_restore listing to one schema, its CREATE SCHEMA and comment included', () => {
    const listing = [
      '6; 2615 1 SCHEMA - tenant_a postgres',
      '7; 0 0 COMMENT - SCHEMA tenant_a postgres',
      '8; 2615 2 SCHEMA - tenant_b postgres',
      '9; 1259 3 TABLE tenant_a t postgres',
      '10; 0 3 TABLE DATA tenant_a t postgres',
      '11; 0 4 TABLE DATA tenant_b t postgres',
      '12; 2606 5 FK CONSTRAINT tenant_a u u_fkey postgres',
    ].join('\n');
    expect(
      filterToc(listing, 'tenant_a')
        .split('\n')
        .map((l) => l.split(';')[0]),
    ).toEqual(['6', '7', '9', '10', '12']);
  });

  it('never lets a database name become a conninfo string, and never hands PGPASSWORD to a child', () => {
    const args = connectionArgs(target);
    expect(args).toContain(`--dbname=dbname='my db=x'`);
    expect(() => connectionArgs({ ...target, host: 'x; rm -rf /' })).toThrow();
    process.env.PGPASSWORD = 'secret';
    expect(childEnv(target, undefined).PGPASSWORD).toBeUndefined();
    delete process.env.PGPASSWORD;
  });

  it('writes the passfile 0600 and removes it afterwards', async () => {
    let seen = '';
    await withPassfile('p:w\\d', async (file) => {
      seen = file!;
      expect(statSync(file!).mode & 0o777).toBe(0o600);
    });
    expect(existsSync(seen)).toBe(false);
  });

  it('classifies child failures', () => {
    expect(classifyPgFailure('FATAL:  password authentication failed for user "x"', 'BACKUP_FAILED')).toBe(
      'AUTH_FAILED',
    );
    expect(
      classifyPgFailure('pg_restore: error: input file does not appear to be a valid archive', 'RESTORE_FAILED'),
    ).toBe('BACKUP_CORRUPT');
    expect(classifyPgFailure('could not write: No space left on device', 'BACKUP_FAILED')).toBe('DISK_FULL');
  });
});
