import type pg from 'pg';
import { AppError } from '../../../../shared/errors';

export interface ArchiverState {
  lastArchivedWal?: string;
  lastArchivedAt?: string;
  lastFailedWal?: string;
  lastFailedAt?: string;
}

export async function readArchiver(client: pg.Client | pg.PoolClient): Promise<ArchiverState> {
  const { rows } = await client.query<{ w: string | null; t: Date | null; fw: string | null; ft: Date | null }>(
    'SELECT last_archived_wal AS w, last_archived_time AS t, last_failed_wal AS fw, last_failed_time AS ft FROM pg_stat_archiver',
  );
  const r = rows[0];
  return {
    lastArchivedWal: r?.w ?? undefined,
    lastArchivedAt: r?.t?.toISOString(),
    lastFailedWal: r?.fw ?? undefined,
    lastFailedAt: r?.ft?.toISOString(),
  };
}

/** WAL file names are fixed-width hex (timeline, log, segment): their order is the string order. */
const walAtOrAfter = (archived: string | undefined, needed: string) => archived !== undefined && archived >= needed;

/**
 * The WAL holding the target time must be in the archive before recovery can reach it: close the
 * current segment (pg_switch_wal) and wait until the archiver has passed it. Returns the segment
 * that recovery needs last.
 */
export async function archiveThrough(
  client: pg.Client | pg.PoolClient,
  opts: { signal?: AbortSignal; timeoutMs?: number; log?: (line: string) => void },
): Promise<string> {
  let needed: string;
  // Recovery stops at the first commit after the target; on a quiet server there may be none, and
  // recovery would end short of it. A transaction with an id writes one commit record, stamped now.
  await client.query('SELECT pg_current_xact_id()');
  try {
    // pg_switch_wal answers the end of the segment it closed (or the current position when nothing
    // was written since the last switch); that position's file is the one recovery needs.
    const { rows } = await client.query<{ f: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS f');
    needed = rows[0].f;
  } catch (e) {
    if ((e as { code?: string }).code !== '42501') throw e;
    const { rows } = await client.query<{ f: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS f');
    needed = rows[0].f;
    opts.log?.('not allowed to switch WAL (pg_switch_wal): waiting for the archiver to reach the current segment');
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  opts.log?.(`waiting for WAL ${needed} to be archived`);
  for (;;) {
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The point-in-time restore was cancelled.');
    const state = await readArchiver(client);
    if (walAtOrAfter(state.lastArchivedWal, needed)) return needed;
    if (Date.now() > deadline) {
      const failing =
        state.lastFailedWal && (!state.lastArchivedAt || (state.lastFailedAt ?? '') > state.lastArchivedAt);
      throw new AppError(
        'PITR_WAL_NOT_ARCHIVED',
        `WAL ${needed} has not reached the archive${state.lastArchivedWal ? ` (last archived: ${state.lastArchivedWal})` : ''}${failing ? `; archiving of ${state.lastFailedWal} is failing` : ''}.`,
        'Check archive_command and pg_stat_archiver on the server, then try again.',
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
