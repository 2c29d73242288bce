import type { z } from 'zod';
import type { applyInputSchema } from '../../../shared/contracts/migrations';
import { AppError } from '../../../shared/errors';
import type { MigrationRun } from '../../../shared/model/migrations';
import type { Profile } from '../../../shared/model/profile';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import type { JobContext } from '../jobs/jobs';
import { assertWritable, requireProductionConfirmation } from '../safety';
import { runFleet, type RunFleetOptions } from './fleet-runner';
import { buildPlan, refuseDrift, selectTargets } from './plan';
import { assertRunnable } from './migration-statements';
import { loadSqlParser } from '../domain/sql';
import { whoAmI } from '../domain/who-am-i';
import {
  auditRefusal,
  defaultParallel,
  lockAndReadStatus,
  outcomeNotRecorded,
  privilegePreflight,
  startLockedJob,
} from './run-preflight';
import { runNamedSchema, runWithNamedDryRun } from './named-schemas';
import { runSchemaMigrations } from './tenant-apply';
import { runStaged } from './wave-runner';
import { readingProject } from './status-service';
import { isStaged, limitTargetsTo, planWaves, validateWaveOptions } from './waves';

/** A --check that names no check of the project is refused before the lock is taken. */
async function requireCheck(deps: CoreDeps, input: ApplyInput): Promise<void> {
  if (!input.check) return;
  const { checks } = await deps.invoke('checks.list', {
    profileId: input.profileId,
    ...(input.project ? { project: input.project } : {}),
  });
  if (!checks.some((c) => c.id === input.check)) {
    throw new AppError(
      'CHECK_NOT_FOUND',
      `No check ${input.check} in the project.`,
      `Checks: ${
        checks
          .map((c) => c.id)
          .slice(0, 10)
          .join(', ') || 'none'
      }.`,
      { field: 'check' },
    );
  }
}

export type ApplyInput = z.output<typeof applyInputSchema>;

/**
 * Mandatory on production, the profile's backupBeforeMigrate elsewhere (CLI.md). With the
 * profile setting backupFreshMinutes, a fleet backup that young which covers every target schema
 * is used instead of taking a new one.
 */
async function backupBeforeMigrate(
  deps: CoreDeps,
  profile: Profile,
  job: JobContext,
  schemas: string[],
  passphrase: string | undefined,
): Promise<string | undefined> {
  const mandatory = profile.environment === 'production';
  if (!mandatory && !profile.backupBeforeMigrate) return undefined;
  const port = deps.ports.backups;
  if (profile.backupFreshMinutes) {
    const recent = await port.latest(profile, { scope: 'fleet' });
    const ageMinutes = recent ? (Date.now() - Date.parse(recent.createdAt)) / 60_000 : Infinity;
    if (recent && ageMinutes <= profile.backupFreshMinutes && schemas.every((s) => recent.schemas.includes(s))) {
      job.log(
        `Using backup ${recent.id}, taken ${Math.round(ageMinutes)} min ago (younger than ${profile.backupFreshMinutes} min) and covering every target schema.`,
      );
      return recent.id;
    }
  }
  job.log(
    `Taking a fleet backup before migrating (${mandatory ? 'required on production' : 'profile setting backupBeforeMigrate'})…`,
  );
  try {
    const backup = await port.take({
      profile,
      scope: 'fleet',
      reason: 'pre-migrate',
      passphrase,
      signal: job.signal,
      onProgress: (d, t, c) => job.progress(d, t, `backup ${c ?? ''}`.trim()),
    });
    job.log(`Backup ${backup.id} taken.`);
    return backup.id;
  } catch (e) {
    if ((e as { code?: string }).code === 'NOT_SUPPORTED') {
      throw new AppError(
        'BACKUP_REQUIRED',
        `Migrating profile "${profile.name}" needs a backup first, and backups are not available here.`,
        mandatory
          ? 'Production requires a backup before migrate; install pg_dump for this server version.'
          : 'Turn off the profile setting backupBeforeMigrate, or make backups work.',
      );
    }
    throw e;
  }
}

/**
 * migrate / dry run: lock, status, drift and safety checks answer at once (refusals are errors
 * of the call); the run itself is a job whose result is a MigrationRun.
 */
export async function startApply(deps: CoreDeps, input: ApplyInput): Promise<{ jobId: string }> {
  const kind = input.dryRun ? 'dry-run' : 'apply';
  const action = input.dryRun ? 'migrations.dry-run' : 'migrations.apply';
  const profile = deps.profiles.get(input.profileId);
  const waveOptions = {
    to: input.to,
    canary: input.canary,
    waveSize: input.waveSize,
    pauseBetweenSeconds: input.pauseBetweenSeconds,
    maxFailures: input.maxFailures,
    check: input.check,
  };
  const staged = isStaged(waveOptions);
  const params = {
    tenants: input.tenants?.length ?? 'all',
    parallel: input.parallel,
    continueOnError: input.continueOnError,
    retryFailed: input.retryFailed,
    ...(input.repair ? { repair: true } : {}),
    ...(input.to !== undefined ? { to: input.to } : {}),
    ...(staged
      ? {
          canary: Array.isArray(input.canary) ? input.canary.join(',') : input.canary,
          waveSize: input.waveSize,
          pauseBetweenSeconds: input.pauseBetweenSeconds,
          maxFailures: input.maxFailures,
          check: input.check,
        }
      : {}),
  };
  validateWaveOptions(waveOptions);
  // The parser (WebAssembly) compiles while the checks below wait on the server.
  const parserLoaded = loadSqlParser();
  parserLoaded.catch(() => undefined);
  // Read once, for the privilege check and the plan.
  const reading = readingProject(profile, input.project);
  await requireCheck(deps, input);
  try {
    assertWritable(profile, input.dryRun ? 'A dry run' : 'Migrating');
    if (!input.dryRun) requireProductionConfirmation(profile, input.confirmDatabase, 'Migrating');
    if (!input.dryRun) await privilegePreflight(deps, input, reading);
    // The backup before migrate on staging/production must be one that can be opened later.
    if (
      !input.dryRun &&
      profile.environment !== 'local' &&
      (profile.environment === 'production' || profile.backupBeforeMigrate)
    )
      await deps.ports.backups.requireDurableKey(profile, 'Migrating');
    if (
      !input.dryRun &&
      (profile.environment === 'production' || profile.backupBeforeMigrate) &&
      profile.backupEncryption === 'passphrase' &&
      !input.passphrase
    ) {
      throw new AppError(
        'PARAM_INVALID',
        `Migrating profile "${profile.name}" takes a backup first, and its backups are encrypted with a passphrase that was not given.`,
        'CLI: --passphrase-stdin (the passphrase on standard input); in the app, type it as the backup passphrase on the Backups screen, then migrate again.',
        { field: 'passphrase' },
      );
    }
  } catch (e) {
    return await auditRefusal(deps, profile, action, e, params);
  }
  await parserLoaded;
  const ctx = await lockAndReadStatus(deps, input, input.dryRun ? 'dry run' : 'migrate', reading).catch((e) =>
    auditRefusal(deps, profile, action, e, params),
  );
  return startLockedJob(
    deps,
    ctx,
    { profile, action, params },
    input.dryRun ? 'migrations.dry-run' : 'migrations.apply',
    async () => {
      const targets = limitTargetsTo(selectTargets(ctx, input.tenants, input.retryFailed, input.schemas), input.to, [
        ...ctx.files.tenant,
        ...ctx.files.shared,
      ]);
      refuseDrift(targets.chosen);
      const waves = staged
        ? planWaves(
            targets.chosen.filter((r) => !r.shared && !r.named).map((r) => r.schema),
            waveOptions,
          )
        : [];
      // Every pending file parses and each no-transaction file is one statement, or nothing starts (exit 2).
      assertRunnable(new Set(targets.tasks.flatMap((t) => t.files)));
      const plan = buildPlan(ctx, targets);
      const files = plan.files;
      const destructive = files.filter((f) => f.destructive.length);
      if (!input.dryRun && profile.environment === 'production' && destructive.length && !input.confirmDestructive) {
        throw new AppError(
          'DESTRUCTIVE_NOT_CONFIRMED',
          `On production, ${destructive.map((f) => f.name).join(', ')} hold destructive statements (${destructive[0].destructive[0]}).`,
          'Review the plan, then confirm the destructive statements (CLI: --yes).',
        );
      }
      const parallel = input.parallel ?? (await defaultParallel(ctx.session, ctx.project.config.parallelism));
      return async (job: JobContext, intent: string): Promise<MigrationRun> => {
        const t0 = performance.now();
        try {
          const warnings = [...ctx.status.warnings];
          for (const s of targets.skippedMissing) job.log(`warning: ${s} is registered but has no schema; skipped.`);
          const backupId =
            input.dryRun || !targets.tasks.length
              ? undefined
              : await backupBeforeMigrate(
                  deps,
                  profile,
                  job,
                  targets.tasks.filter((t) => !t.shared).map((t) => t.schema),
                  input.passphrase,
                );
          job.progress(0, targets.tasks.length, targets.tasks[0]?.schema ?? 'nothing to do');
          const fleetOptions: Omit<RunFleetOptions, 'onProgress' | 'log' | 'continueOnError' | 'maxFailures'> = {
            profile,
            pools: deps.pools,
            parallel,
            signal: job.signal,
            dryRun: input.dryRun,
            lockTimeoutMs: input.lockTimeoutMs,
            statementTimeoutMs: input.statementTimeoutMs,
            repair: input.repair && !input.dryRun,
            // Each repair is its own audit line: what was recorded without running, and the index checked first.
            onRepair: async (schema, file) => {
              job.log(`${schema}: recording ${file.name} as applied; its index is already built and valid (repair).`);
              await deps.audit.record({
                ...profileFields(profile),
                action: 'migrations.repair',
                target: schema,
                params: { file: file.name, checksum: file.checksum },
                result: 'ok',
              });
            },
            appliedBy: whoAmI(),
            controlSession: ctx.session,
            successState: input.dryRun ? 'dry-run-ok' : 'applied',
            execute: (client, task, opts) =>
              task.named
                ? runNamedSchema(client, task, opts)
                : runSchemaMigrations(client, task.schema, task.files, opts),
          };
          const stagedRun = staged
            ? await runStaged(targets.tasks, waves, {
                deps,
                job,
                profileId: profile.id,
                project: input.project,
                dryRun: input.dryRun,
                options: waveOptions,
                continueOnError: input.continueOnError,
                fleet: fleetOptions,
              })
            : undefined;
          const results =
            stagedRun?.results ??
            (await runWithNamedDryRun(targets.tasks, input.dryRun, fleetOptions, (tasks) =>
              runFleet(tasks, {
                ...fleetOptions,
                continueOnError: input.continueOnError,
                onProgress: (d, t, c) => job.progress(d, t, c),
                log: (l) => job.log(l),
              }),
            ));
          const failed = results.filter((r) => r.state === 'failed').map((r) => r.schema);
          const run: MigrationRun = {
            kind,
            total: targets.tasks.length,
            results,
            failed,
            skippedMissing: targets.skippedMissing,
            cancelled: job.signal.aborted,
            parallel,
            backupId,
            durationMs: Math.round(performance.now() - t0),
            warnings,
            plan,
          };
          if (stagedRun) {
            run.waves = stagedRun.waves;
            if (stagedRun.stopped) run.stopped = stagedRun.stopped;
          }
          await deps.audit
            .record({
              ...profileFields(profile),
              action,
              intent,
              target: failed.length ? failed.slice(0, 20).join(',') : undefined,
              params: {
                ...params,
                schemas: targets.tasks.length,
                files: files.map((f) => f.name),
                failed: failed.length,
                backupId,
                ...(run.stopped ? { stoppedAtWave: run.stopped.wave } : {}),
              },
              result: run.cancelled ? 'cancelled' : failed.length ? 'failed' : 'ok',
              durationMs: run.durationMs,
            })
            .catch(outcomeNotRecorded(run.warnings));
          return run;
        } catch (e) {
          await deps.audit
            .record({
              ...profileFields(profile),
              action,
              intent,
              params,
              result: (e as { code?: string }).code === 'BACKUP_REQUIRED' ? 'refused' : 'failed',
              error: (e as Error).message,
            })
            .catch(() => undefined);
          throw e;
        }
      };
    },
  );
}
