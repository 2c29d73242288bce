import { AppError } from '../../shared/errors';
import type { CliContext } from './cli-context';
import type { GlobalOptions } from './global-options';
import { ct } from './cli-messages';
import { createOutput } from './output';

/** `acrossProfiles`: the command may run on several databases (`--profiles a,b`) as one fleet. */
export interface RunOptions {
  acrossProfiles?: boolean;
  stopOnError?: boolean;
}

export type CommandRunner = (work: (ctx: CliContext) => Promise<number | void>, options?: RunOptions) => Promise<void>;

/** Runs one command with a fresh core and turns its outcome into CLI.md's exit codes. */
export function createRunner(globals: () => GlobalOptions): CommandRunner {
  return async (work, options = {}) => {
    const opts = globals();
    let ctx: CliContext | undefined;
    try {
      // Loaded here, not at start-up: --version, --help and usage errors never load the core.
      const { createCliContext } = await import('./cli-context');
      ctx = await createCliContext(opts);
      if (opts.profiles !== undefined && !options.acrossProfiles)
        throw new AppError(
          'VALIDATION_FAILED',
          ct('profiles.fleet.unsupported'),
          'Use --profile NAME for this command.',
          { field: 'profiles' },
        );
      if (opts.profiles !== undefined && (opts.profile || opts.url))
        throw new AppError('VALIDATION_FAILED', 'Give --profiles, or --profile/--url, not both.', undefined, {
          field: 'profiles',
        });
      const code =
        opts.profiles !== undefined
          ? await (
              await import('./across-profiles')
            ).runAcrossProfiles(ctx, opts.profiles, Boolean(options.stopOnError), work)
          : await work(ctx);
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (e) {
      const err = e instanceof AppError ? e : (await import('../core/db/pg-errors')).toAppError(e);
      process.exitCode = (ctx?.out ?? createOutput(Boolean(opts.json))).error(err.toData());
    } finally {
      await ctx?.core.close();
    }
  };
}

/** For the commands that may run over `--profiles a,b` (status, migrate, verify, backup, tenants list). */
export function acrossProfiles(
  run: CommandRunner,
  o: { stopOnError?: boolean },
): (work: (ctx: CliContext) => Promise<number | void>) => Promise<void> {
  return (work) => run(work, { acrossProfiles: true, stopOnError: o.stopOnError });
}
