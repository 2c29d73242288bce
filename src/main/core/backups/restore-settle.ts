import type { ClientBase } from 'pg';
import { quoteIdent } from '../db/identifiers';
import type { RestoreJournal } from './journal';

async function schemaExists(c: ClientBase, name: string): Promise<boolean> {
  const { rowCount } = await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name]);
  return (rowCount ?? 0) > 0;
}

/** Ends the sessions of a restore's children (a pg_restore orphaned by a killed console). */
export async function endChildSessions(c: ClientBase, appName: string): Promise<void> {
  await c.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
    [appName],
  );
  for (let i = 0; i < 50; i++) {
    const { rowCount } = await c.query(
      `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
      [appName],
    );
    if (!rowCount) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Puts things as they were before the restore: the half-restored schema dropped and the aside
 * renamed back (swap), the new schema dropped (create, scratch), the scratch database dropped.
 */
export async function undoRestore(c: ClientBase, j: RestoreJournal): Promise<void> {
  await endChildSessions(c, j.appName);
  const touched = (steps: RestoreJournal['step'][]) => steps.includes(j.step);
  await c.query('BEGIN');
  try {
    if (j.mode === 'swap' && j.aside && (await schemaExists(c, j.aside))) {
      await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(j.targetSchema)} CASCADE`);
      await c.query(`ALTER SCHEMA ${quoteIdent(j.aside)} RENAME TO ${quoteIdent(j.targetSchema)}`);
    }
    if (j.mode === 'create' && touched(['restore', 'verify']))
      await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(j.targetSchema)} CASCADE`);
    if (j.mode === 'scratch' && touched(['move', 'verify']))
      await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(j.targetSchema)} CASCADE`);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  if (j.scratchDb) await dropScratchDatabase(c, j.scratchDb);
}

/** Completes a restore whose new schema was verified: the aside copy or the scratch database goes. */
export async function finishRestore(c: ClientBase, j: RestoreJournal): Promise<void> {
  if (j.mode === 'swap' && j.aside && !j.keepAside)
    await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(j.aside)} CASCADE`);
  if (j.scratchDb) await dropScratchDatabase(c, j.scratchDb);
}

export async function dropScratchDatabase(c: ClientBase, name: string): Promise<void> {
  await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Which way an interrupted restore goes: forward once the restored schema was verified, else back. */
export function recoveryDirection(j: RestoreJournal): 'finish' | 'undo' {
  return j.step === 'drop-aside' || j.step === 'drop-scratch' ? 'finish' : 'undo';
}
