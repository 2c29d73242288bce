import type { Command } from 'commander';
import type { SeedResult } from '../../../shared/model/migrations';
import { ct } from '../cli-messages';
import { targetInput } from '../cli-options';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { table } from '../output';
import type { CommandRunner } from '../run-command';

function seedText(result: SeedResult): string {
  const state = (s: SeedResult['schemas'][number]) =>
    s.state === 'applied' ? ct('seed.applied') : s.state === 'failed' ? ct('seed.failed') : ct('seed.skipped');
  const rows = result.schemas.map((s) => [
    s.schema,
    state(s),
    s.state === 'failed' ? `${s.failedFile}: ${s.error?.message ?? ''}` : s.files.join(' '),
    `${s.durationMs} ms`,
  ]);
  return [
    table([ct('named.head.schema'), ct('named.head.state'), ct('seed.head.files'), ''], rows),
    ct('seed.summary', {
      done: result.schemas.filter((s) => s.state === 'applied').length,
      failed: result.failed.length,
      ms: result.durationMs,
    }),
  ].join('\n');
}

/** `tenantry seed [SCHEMA …]`: seed data of named schemas, only when asked (CLI.md). */
export function addSeedCommand(program: Command, run: CommandRunner): void {
  program
    .command('seed [schemas...]')
    .description(
      'apply seeds/<schema>/*.sql to named schemas (all of them without names), in apply order, one transaction each',
    )
    .action((schemas: string[]) =>
      run(async (ctx) => {
        const { input } = await targetInput(ctx);
        const result = await ctx.call('migrations.seed', {
          profileId: input.profileId,
          project: input.project,
          ...(schemas.length ? { schemas } : {}),
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        ctx.out.result(result, () => seedText(result));
        return result.failed.length ? EXIT_FAILED : EXIT_OK;
      }),
    );
}
