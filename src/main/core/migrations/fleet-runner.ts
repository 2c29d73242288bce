import type pg from 'pg';
import type { SchemaRun } from '../../../shared/model/migrations';
import type { Profile } from '../../../shared/model/profile';
import { isConnectionError } from '../db/pg-errors';
import type { Pools } from '../db/pools';
import type { MigrationFile } from '../domain/ledger/migration-files';
import { runWorkers } from '../domain/worker-pool';
import type { ApplyToSchemaOptions, SchemaApplyResult } from './tenant-apply';

export interface FleetTask {
  schema: string;
  shared?: boolean;
  /** A named schema (tenantry.yaml `schemas:`): run in order after public, before the tenants. */
  named?: boolean;
  files: MigrationFile[];
}

export type SchemaExecutor = (
  client: pg.Client,
  task: FleetTask,
  opts: ApplyToSchemaOptions,
) => Promise<SchemaApplyResult>;

export interface RunFleetOptions extends Omit<ApplyToSchemaOptions, 'onFile' | 'inTransaction'> {
  profile: Profile;
  pools: Pools;
  parallel: number;
  continueOnError: boolean;
  /** Stop starting tenants once more than this many have failed (default: 0, or none with continueOnError). */
  maxFailures?: number;
  execute: SchemaExecutor;
  /** A session that is idle during the run (the lock's): cancels running statements on abort. */
  controlSession: pg.Client;
  successState: SchemaRun['state'];
  onProgress?: (done: number, total: number, current: string) => void;
  log?: (line: string) => void;
}

function toRun(
  task: FleetTask,
  result: SchemaApplyResult,
  successState: SchemaRun['state'],
  durationMs: number,
): SchemaRun {
  const run: SchemaRun = { schema: task.schema, state: successState, done: result.done, durationMs };
  if (task.shared) run.shared = true;
  if (task.named) run.named = true;
  if (result.notDryRunnable.length) run.notDryRunnable = result.notDryRunnable;
  if (result.repaired.length) run.repaired = result.repaired;
  if (result.failure) {
    const e = result.failure.error;
    run.state = result.cancelled ? 'cancelled' : 'failed';
    run.failedMigration = result.failure.file.name;
    if (result.failure.statement) run.statement = result.failure.statement;
    run.error = {
      code: e.code,
      message: e.message,
      ...(e.sqlstate ? { sqlstate: e.sqlstate } : {}),
      ...(e.hint ? { hint: e.hint } : {}),
    };
  }
  return run;
}

async function openWorkerClient(opts: RunFleetOptions): Promise<pg.Client> {
  const client = await opts.pools.dedicatedClient(opts.profile);
  // A server-side termination must not crash the process; the running query rejects on its own.
  client.on('error', () => undefined);
  return client;
}

/**
 * Runs each task on its own transaction(s): shared (public) tasks first, one by one, then the
 * tenants with `parallel` dedicated sessions. Stops starting new tasks at the first failure unless
 * `continueOnError`; on abort, running statements are cancelled server-side so their transactions
 * roll back, and tasks not started are reported as cancelled.
 */
export async function runFleet(tasks: FleetTask[], opts: RunFleetOptions): Promise<SchemaRun[]> {
  const results: (SchemaRun | undefined)[] = new Array(tasks.length);
  const busy = new Set<number>();
  let done = 0;
  let stop = false;
  let failures = 0;
  const budget = opts.maxFailures ?? (opts.continueOnError ? Infinity : 0);
  const total = tasks.length;
  const progress = (current: string) => opts.onProgress?.(done, total, current);

  const onAbort = () => {
    for (const pid of busy)
      void opts.controlSession.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
  };
  opts.signal?.addEventListener('abort', onAbort);

  const runOne = async (client: pg.Client, index: number): Promise<void> => {
    const task = tasks[index];
    const pid = (client as unknown as { processID: number }).processID;
    busy.add(pid);
    const started = performance.now();
    progress(task.schema);
    let result: SchemaApplyResult;
    try {
      result = await opts.execute(client, task, { ...opts, onFile: (f) => progress(`${task.schema} · ${f.name}`) });
    } finally {
      busy.delete(pid);
    }
    const run = toRun(task, result, opts.successState, Math.round(performance.now() - started));
    results[index] = run;
    done++;
    progress(task.schema);
    if (run.state === 'failed') {
      opts.log?.(`FAILED ${task.schema} at ${run.failedMigration}: ${run.error?.message ?? ''}`);
      failures++;
      // public and the named schemas run in order: a failure there stops the schemas after it and every tenant.
      if (task.shared || task.named || failures > budget) stop = true;
    }
  };

  const order = tasks.map((_, i) => i);
  const shared = [...order.filter((i) => tasks[i].shared), ...order.filter((i) => tasks[i].named)];
  const tenants = order.filter((i) => !tasks[i].shared && !tasks[i].named);
  try {
    if (shared.length) {
      const client = await openWorkerClient(opts);
      try {
        for (const i of shared) if (!stop && !opts.signal?.aborted) await runOne(client, i);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    if (!stop && !opts.signal?.aborted && tenants.length)
      await runWorkers(
        tenants,
        { parallel: opts.parallel, signal: opts.signal, stopWhen: () => stop },
        async (queue) => {
          let client = await openWorkerClient(opts);
          try {
            for (const [i] of queue) {
              await runOne(client, i);
              if (isConnectionError(results[i]?.error?.code)) {
                await client.end().catch(() => undefined);
                client = await openWorkerClient(opts);
              }
            }
          } finally {
            await client.end().catch(() => undefined);
          }
        },
      );
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return tasks.map(
    (task, i) =>
      results[i] ?? {
        schema: task.schema,
        ...(task.shared ? { shared: true } : {}),
        ...(task.named ? { named: true } : {}),
        state: opts.signal?.aborted ? 'cancelled' : 'skipped',
        done: [],
        durationMs: 0,
      },
  );
}
