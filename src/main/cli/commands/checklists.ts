import { promises as fs } from 'node:fs';
import { Command, Option } from 'commander';
import type { Run } from '../../../shared/model/checklists';
import { EXIT_FAILED, EXIT_OK, EXIT_REFUSED } from '../exit-codes';
import { table } from '../output';
import type { CommandRunner } from '../run-command';
import { waitForJob } from '../wait-job';

/** CLI.md's `checklist run` data: the run with each step's evidence. */
function runData(run: Run) {
  return {
    ...run,
    steps: run.steps.map((s) => ({
      ...s,
      startedAt: s.startedAt ?? null,
      endedAt: s.endedAt ?? null,
      evidence: s.evidence ?? null,
    })),
  };
}

function describeRun(run: Run): string {
  const lines = [`${run.title} — ${run.environment.toUpperCase()} ${run.profileName} — run ${run.id}: ${run.state}`];
  for (const g of run.gates.filter((g) => !g.ok)) lines.push(`  gate: ${g.message}`);
  for (const s of run.steps) {
    lines.push(`  ${s.state.padEnd(9)} ${s.id}  ${s.title}`);
    if (s.error) lines.push(`            ${s.error.code}: ${s.error.message}`);
    for (const g of s.gates.filter((g) => !g.ok)) lines.push(`            gate: ${g.message}`);
  }
  if (run.state === 'waiting')
    lines.push('A manual step is waiting: tick it in the console, or run with --yes-manual.');
  return lines.join('\n');
}

function exitFor(run: Run): number {
  if (run.state === 'succeeded') return EXIT_OK;
  if (run.state === 'blocked') return EXIT_REFUSED;
  return EXIT_FAILED;
}

export function addChecklistsCommands(program: Command, run: CommandRunner): void {
  const cmd = program
    .command('checklist')
    .description("guided deploy checklists (runbooks in the project's runbooks/)");

  cmd
    .command('run <runbook>')
    .description(
      'run a runbook (an id in runbooks/ or a .yaml path) on the profile; starting consents to its automatic steps',
    )
    .option('--yes-manual', 'tick manual steps (pipelines); without it a manual step stops the run')
    .action((runbook: string, o: { yesManual?: boolean }) =>
      run(async (ctx) => {
        const profile = await ctx.target();
        ctx.out.progress(`[${profile.environment.toUpperCase()}] ${profile.name} — ${profile.database}`);
        const started = await ctx.call('checklists.start', {
          profileId: profile.id,
          runbook,
          ...(ctx.opts.project ? { project: ctx.opts.project } : {}),
          confirmDatabase: ctx.opts.confirmDatabase,
        });
        let final = started;
        if (started.state !== 'blocked') {
          const { jobId } = await ctx.call('checklists.advance', {
            runId: started.id,
            yesManual: Boolean(o.yesManual),
            confirmDatabase: ctx.opts.confirmDatabase,
          });
          final = (await waitForJob(ctx, jobId)).result as Run;
        }
        ctx.out.result(runData(final), () => describeRun(final));
        return exitFor(final);
      }),
    );

  cmd
    .command('runs')
    .description('list checklist runs (no connection needed)')
    .action(() =>
      run.offline(async (ctx) => {
        const runs = await ctx.call('checklists.runs', {});
        ctx.out.result(runs, () =>
          runs.length
            ? table(
                ['RUN', 'STATE', 'ENV', 'PROFILE', 'RUNBOOK', 'STARTED'],
                runs.map((r) => [r.id, r.state, r.environment, r.profileName, r.runbookId, r.createdAt]),
              )
            : 'No checklist runs yet.',
        );
      }),
    );

  cmd
    .command('report <runId>')
    .description("print a run's report (Markdown or standalone HTML)")
    .addOption(new Option('--format <format>').choices(['md', 'html']).default('md'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .action((runId: string, o: { format: 'md' | 'html'; out?: string }) =>
      run.offline(async (ctx) => {
        const report = await ctx.call('checklists.report', { runId, format: o.format });
        if (o.out) await fs.writeFile(o.out, report.content);
        ctx.out.result(o.out ? { file: o.out, format: o.format } : report, () =>
          o.out ? `Wrote ${o.out}.` : report.content,
        );
      }),
    );
}
