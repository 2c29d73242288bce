import type pg from 'pg';
import type { Profile } from '../../../shared/model/profile';
import type { CoreDeps } from '../core-deps';
import { toAppError } from '../db/pg-errors';

export interface DumpSnapshot {
  id: string;
  client: pg.Client;
  serverVersion: string;
  serverMajor: number;
  release(): Promise<void>;
}

/**
 * A REPEATABLE READ transaction exporting its snapshot: pg_dump runs with --snapshot=ID and the
 * manifest's row counts are read in the same transaction, so both see the same rows.
 */
export async function openSnapshot(deps: CoreDeps, profile: Profile): Promise<DumpSnapshot> {
  const client = await deps.pools.dedicatedClient(profile);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string; v: string; n: string }>(
      `SELECT pg_export_snapshot() AS id, current_setting('server_version') AS v, current_setting('server_version_num') AS n`,
    );
    return {
      id: rows[0].id,
      client,
      serverVersion: rows[0].v.split(' ')[0],
      serverMajor: Math.floor(Number(rows[0].n) / 10000),
      release: async () => {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  } catch (e) {
    await client.end().catch(() => undefined);
    throw toAppError(e, profile);
  }
}

/**
 * Runs `work` in a transaction of its own on `client` that sees exactly the exported snapshot
 * (as pg_dump --snapshot does); the locks it takes end with it.
 */
export async function inSnapshot<T>(client: pg.ClientBase, snapshotId: string, work: () => Promise<T>): Promise<T> {
  // pg_export_snapshot() ids are hex groups and dashes; checked because SET TRANSACTION SNAPSHOT takes no parameter.
  if (!/^[0-9A-F]+(-[0-9A-F]+)+$/i.test(snapshotId)) throw new Error(`unexpected snapshot id ${snapshotId}`);
  await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '${snapshotId}'`);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export async function serverMajorOf(deps: CoreDeps, profile: Profile): Promise<{ version: string; major: number }> {
  return deps.pools.withClient(profile, async (c) => {
    const { rows } = await c.query<{ v: string; n: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n`,
    );
    return { version: rows[0].v.split(' ')[0], major: Math.floor(Number(rows[0].n) / 10000) };
  });
}
