import { promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { AppError } from '../../../shared/errors';
import type { RestoreResult } from '../../../shared/model/backups';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { resolvePassword } from '../db/connection-config';
import { quoteIdent } from '../db/identifiers';
import { isConnectionError, toAppError } from '../db/pg-errors';
import { ownedTempDir } from '../owned-temp';
import { randomHex, tempName } from '../domain/ids';
import { lockTenant } from '../domain/tenant-locks';
import { abandonJournal, removeJournal, writeJournal, type RestoreJournal, type RestoreStep } from './journal';
import { compareCounts, countRows } from './manifest';
import { connectionArgs, startPg, withPassfile } from './pg-process';
import { recoverLeftovers } from './recovery';
import type { RestorePlan } from './restore-plan';
import { finishRestore, undoRestore } from './restore-settle';
import { schemaArg, takeBackup, type BackupOptions } from './take-backup';
import { tocLineSchemas, writeTocList } from './toc';

export interface RestoreHooks {
  /** Called after each step is journaled and before it runs (tests stop the process here). */
  afterJournal?(step: RestoreStep, journal: RestoreJournal): Promise<void>;
}

export interface RestoreRunOptions {
  signal?: AbortSignal;
  progress?: (done: number, total: number, current: string) => void;
  log?: (line: string) => void;
  hooks?: RestoreHooks;
  backup?: BackupOptions;
  /** Seconds to wait for the tenant when another operation holds it (default: the process's --lock-wait). */
  lockWaitSeconds?: number;
  /** For the safety backup when the target profile encrypts with a passphrase. */
  passphrase?: string;
}

/** Runs a planned restore; any failure puts the original back (undoRestore) before the error is reported. */
export async function runRestore(
  deps: CoreDeps,
  plan: RestorePlan,
  opts: RestoreRunOptions = {},
): Promise<RestoreResult> {
  const { target, entry, source, targetSchema, mode } = plan;
  // What a killed console left (on this tenant too) is settled before a new restore starts.
  await recoverLeftovers(deps);
  const started = Date.now();
  const id = randomHex(6);
  const journal: RestoreJournal = {
    id,
    mode,
    backupId: entry.id,
    sourceSchema: source.schema,
    targetSchema,
    profileId: target.id,
    profile: {
      name: target.name,
      environment: target.environment,
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
      sslmode: target.sslmode,
      sslrootcert: target.sslrootcert,
      readOnly: target.readOnly,
    },
    aside: mode === 'swap' ? tempName() : undefined,
    scratchDb: mode === 'scratch' ? tempName() : undefined,
    keepAside: target.keepAsideAfterRestore,
    appName: `tenantry-restore-${id}`,
    step: mode === 'swap' ? 'safety-backup' : mode === 'create' ? 'restore' : 'scratch-db',
    startedAt: new Date().toISOString(),
    updatedAt: '',
  };
  const steps: RestoreStep[] =
    mode === 'swap'
      ? ['safety-backup', 'aside', 'restore', 'verify', 'drop-aside']
      : mode === 'create'
        ? ['restore', 'verify']
        : ['scratch-db', 'restore-scratch', 'rename', 'move', 'verify', 'drop-scratch'];
  const step = async (s: RestoreStep) => {
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The restore was cancelled.');
    journal.step = s;
    await writeJournal(deps.dataDir, journal);
    opts.progress?.(steps.indexOf(s), steps.length, s);
    opts.log?.(`step ${s}`);
    await opts.hooks?.afterJournal?.(s, journal);
  };
  const audit = {
    ...profileFields(target),
    action: 'backup.restore',
    target: targetSchema,
    params: { backupId: entry.id, source: source.schema, mode, fromProfile: entry.profileName },
  };

  // The session that holds the tenant lock connects while the audit's intent line is written; if
  // that line cannot be written the restore never starts and the session is closed.
  const connecting = deps.pools.dedicatedClient(target);
  connecting.catch(() => undefined);
  let working = false;
  const restoring = deps.audit.around(audit, async () => {
    working = true;
    let safetyBackupId: string | undefined;
    const password = await resolvePassword(target, deps.secrets);
    const client = await connecting;
    // Held from before the safety backup to the end: that backup holds what the tenant held at that moment.
    try {
      await lockTenant(client, targetSchema, {
        what: 'restore',
        signal: opts.signal,
        waitSeconds: opts.lockWaitSeconds,
      });
    } catch (e) {
      await client.end().catch(() => undefined);
      throw toAppError(e, target);
    }
    const workDir = await ownedTempDir('restore');
    try {
      if (mode === 'swap') {
        await step('safety-backup');
        safetyBackupId = (
          await takeBackup(
            deps,
            {
              profile: target,
              scope: 'tenant',
              schemas: [targetSchema],
              reason: 'pre-restore',
              signal: opts.signal,
              passphrase: opts.passphrase,
            },
            opts.backup,
          )
        ).id;
      }
      const list = await writeTocList(workDir, plan.toc, source.schema);
      const restoreArgs = [
        '--exit-on-error',
        '--single-transaction',
        ...(plan.sameProfile ? [] : ['--no-owner', '--no-privileges']),
      ];
      const tables = await withPassfile(password, async (passfile) => {
        const pgRun = (bin: string, args: string[], db: string, what: string, stdin?: Readable) =>
          startPg(bin, [...connectionArgs(target, db), ...args], {
            target,
            passfile,
            signal: opts.signal,
            failCode: 'RESTORE_FAILED',
            what,
            appName: journal.appName,
            stdin,
            stdout: 'ignore',
          });
        if (mode === 'scratch') {
          await step('scratch-db');
          await client.query(`CREATE DATABASE ${quoteIdent(journal.scratchDb!)} TEMPLATE template0`);
          await step('restore-scratch');
          await pgRun(
            plan.tools.pgRestore,
            [...restoreArgs, `--use-list=${list}`, plan.file],
            journal.scratchDb!,
            'pg_restore into the scratch database',
          ).done;
          await step('rename');
          const scratch = await deps.pools.dedicatedClient({ ...target, database: journal.scratchDb! });
          try {
            await scratch.query(`ALTER SCHEMA ${quoteIdent(source.schema)} RENAME TO ${quoteIdent(targetSchema)}`);
          } finally {
            await scratch.end().catch(() => undefined);
          }
          await step('move');
          const dump = startPg(
            plan.tools.pgDump,
            [...connectionArgs(target, journal.scratchDb!), '--format=custom', schemaArg(targetSchema)],
            {
              target,
              passfile,
              signal: opts.signal,
              stdout: 'pipe',
              failCode: 'RESTORE_FAILED',
              what: 'pg_dump of the renamed schema',
              appName: journal.appName,
            },
          );
          const load = pgRun(
            plan.tools.pgRestore,
            restoreArgs,
            target.database,
            `pg_restore of ${targetSchema}`,
            dump.child.stdout!,
          );
          await Promise.all([dump.done, load.done]);
        } else {
          if (mode === 'swap') {
            await step('aside');
            await client.query(`ALTER SCHEMA ${quoteIdent(targetSchema)} RENAME TO ${quoteIdent(journal.aside!)}`);
          }
          await step('restore');
          // `public` has no CREATE SCHEMA in a dump (it comes with every database): make it first.
          if (!tocCreatesSchema(plan.toc, source.schema))
            await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(targetSchema)}`);
          await pgRun(
            plan.tools.pgRestore,
            [...restoreArgs, `--use-list=${list}`, plan.file],
            target.database,
            `pg_restore of ${targetSchema}`,
          ).done;
        }
        await step('verify');
        return verifyCounts(client, targetSchema, source.tables);
      });
      if (mode === 'swap') await step('drop-aside');
      if (mode === 'scratch') await step('drop-scratch');
      await finishRestore(client, journal);
      await removeJournal(deps.dataDir, id);
      opts.progress?.(steps.length, steps.length, 'done');
      return {
        backupId: entry.id,
        source: source.schema,
        targetSchema,
        targetProfileId: target.id,
        mode,
        ...(safetyBackupId ? { safetyBackupId } : {}),
        ...(mode === 'swap' && journal.keepAside ? { asideKept: journal.aside } : {}),
        tables,
        durationMs: Date.now() - started,
      };
    } catch (e) {
      await rollBack(deps, client, journal, e);
      throw privilegeAware(e, target);
    } finally {
      await client.end().catch(() => undefined);
      await fs.rm(workDir, { recursive: true, force: true });
    }
  });
  return restoring.finally(() => {
    if (!working) void connecting.then((c) => c.end()).catch(() => undefined);
  });
}

async function rollBack(deps: CoreDeps, client: pg.Client, journal: RestoreJournal, cause: unknown): Promise<void> {
  try {
    await undoRestore(client, journal);
    await removeJournal(deps.dataDir, journal.id);
  } catch (undoErr) {
    // The journal stays, given up by this process: the next start (here or in any process) retries the undo.
    await abandonJournal(deps.dataDir, journal).catch(() => undefined);
    if (isConnectionError(toAppError(cause).code)) {
      throw new AppError(
        'CONNECTION_LOST',
        `The connection to the server was lost during the restore of ${journal.targetSchema} (${(cause as Error).message}); the original could not be put back yet.`,
        'The restore journal is kept: once the server is up again, the next tenantry command that connects puts the original back. Then run the restore again.',
        { tenant: journal.targetSchema },
      );
    }
    throw new AppError(
      'RESTORE_FAILED',
      `The restore failed (${(cause as Error).message}) and putting the original back failed too (${(undoErr as Error).message}).`,
      'Restart the console: it finishes the undo from the restore journal.',
    );
  }
}

function privilegeAware(e: unknown, target: RestorePlan['target']): AppError {
  if ((e as { code?: string }).code === '42501')
    return new AppError(
      'INSUFFICIENT_PRIVILEGE',
      `The role ${target.user} may not do this: ${(e as Error).message}`,
      'Restoring under a new name needs CREATEDB for the scratch database.',
    );
  return toAppError(e, target);
}

async function verifyCounts(
  client: pg.Client,
  schema: string,
  expected: Record<string, number>,
): Promise<Record<string, number>> {
  const actual = (await countRows(client, [schema])).get(schema) ?? {};
  const diffs = compareCounts(expected, actual);
  if (diffs.length)
    throw new AppError(
      'RESTORE_VERIFY_FAILED',
      `The restored ${schema} does not match the backup's manifest: ${diffs.slice(0, 5).join('; ')}`,
      'The original was put back. Verify the backup file (tenantry backups verify ID).',
      { tenant: schema },
    );
  return actual;
}

function tocCreatesSchema(toc: string, schema: string): boolean {
  return toc.split('\n').some((l) => /\sSCHEMA - /.test(l) && tocLineSchemas(l)?.about === schema);
}
