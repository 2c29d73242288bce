import { AppError } from '../../shared/errors';
import type { CliContext } from './cli-context';
import type { GlobalOptions } from './global-options';
import type { OfflineContext } from './offline-context';
import { ct } from './cli-messages';
import { createOutput, type Output } from './output';

/** `acrossProfiles`: the command may run on several databases (`--profiles a,b`) as one fleet. */
export interface RunOptions {
  acrossProfiles?: boolean;
  stopOnError?: boolean;
}

type Work<C> = (ctx: C) => Promise<number | void>;

export interface CommandRunner {
  (work: Work<CliContext>, options?: RunOptions): Promise<void>;
  /** For the commands that read the app data folder only (CLI.md "Ids"): no core, no connection. */
  offline(work: Work<OfflineContext>): Promise<void>;
}

function refuseProfilesFlag(opts: GlobalOptions, acrossProfiles: boolean | undefined): void {
  if (opts.profiles !== undefined && !acrossProfiles)
    throw new AppError('VALIDATION_FAILED', ct('profiles.fleet.unsupported'), 'Use --profile NAME for this command.', {
      field: 'profiles',
    });
  if (opts.profiles !== undefined && (opts.profile || opts.url))
    throw new AppError('VALIDATION_FAILED', 'Give --profiles, or --profile/--url, not both.', undefined, {
      field: 'profiles',
    });
}

/** Runs the work and turns its outcome into CLI.md's exit codes. */
async function settle(opts: GlobalOptions, out: () => Output | undefined, work: () => Promise<number | void>) {
  try {
    const code = await work();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (e) {
    const err = e instanceof AppError ? e : (await import('../core/db/pg-errors')).toAppError(e);
    process.exitCode = (out() ?? createOutput(Boolean(opts.json))).error(err.toData());
  }
}

/** Runs one command with a fresh core (or, for `offline`, the app data folder alone). */
export function createRunner(globals: () => GlobalOptions): CommandRunner {
  const run = async (work: Work<CliContext>, options: RunOptions = {}) => {
    const opts = globals();
    let ctx: CliContext | undefined;
    try {
      await settle(
        opts,
        () => ctx?.out,
        async () => {
          // Loaded here, not at start-up: --version, --help and usage errors never load the core.
          const { createCliContext } = await import('./cli-context');
          const made = (ctx = await createCliContext(opts));
          refuseProfilesFlag(opts, options.acrossProfiles);
          return opts.profiles !== undefined
            ? (await import('./across-profiles')).runAcrossProfiles(
                made,
                opts.profiles,
                Boolean(options.stopOnError),
                work,
              )
            : work(made);
        },
      );
    } finally {
      await ctx?.core.close();
    }
  };
  const offline = async (work: Work<OfflineContext>) => {
    const opts = globals();
    let ctx: OfflineContext | undefined;
    await settle(
      opts,
      () => ctx?.out,
      async () => {
        const { createOfflineContext } = await import('./offline-context');
        const made = (ctx = await createOfflineContext(opts));
        refuseProfilesFlag(opts, false);
        return work(made);
      },
    );
  };
  return Object.assign(run, { offline });
}

/** For the commands that may run over `--profiles a,b` (status, migrate, verify, backup, tenants list). */
export function acrossProfiles(
  run: CommandRunner,
  o: { stopOnError?: boolean },
): (work: (ctx: CliContext) => Promise<number | void>) => Promise<void> {
  return (work) => run(work, { acrossProfiles: true, stopOnError: o.stopOnError });
}
