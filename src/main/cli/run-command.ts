import { AppError } from '../../shared/errors';
import type { CliContext } from './cli-context';
import type { GlobalOptions } from './global-options';
import { createOutput } from './output';

export type CommandRunner = (work: (ctx: CliContext) => Promise<number | void>) => Promise<void>;

/** Runs one command with a fresh core and turns its outcome into CLI.md's exit codes. */
export function createRunner(globals: () => GlobalOptions): CommandRunner {
  return async (work) => {
    const opts = globals();
    let ctx: CliContext | undefined;
    try {
      // Loaded here, not at start-up: --version, --help and usage errors never load the core.
      const { createCliContext } = await import('./cli-context');
      ctx = await createCliContext(opts);
      const code = await work(ctx);
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (e) {
      const err = e instanceof AppError ? e : (await import('../core/db/pg-errors')).toAppError(e);
      process.exitCode = (ctx?.out ?? createOutput(Boolean(opts.json))).error(err.toData());
    } finally {
      await ctx?.core.close();
    }
  };
}
