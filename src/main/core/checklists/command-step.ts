import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/errors';
import type { Step } from '../../../shared/model/checklists';
import type { StepContext, StepOutcome } from './step-context';

type CommandStep = Extract<Step, { kind: 'command' }>;
const KEEP_LINES = 200;

/**
 * Runs a configured program (e.g. a Django project's `manage.py migrate_schemas`) with an
 * argument array — never a shell — captures its output, checks its exit code, and kills it
 * when it outlives its timeout.
 */
export function runCommandStep(ctx: StepContext, step: CommandStep): Promise<StepOutcome> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const child = spawn(step.program, step.args, {
      cwd: ctx.projectDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, step.timeoutSeconds * 1000);
    const onAbort = () => child.kill('SIGTERM');
    ctx.job.signal.addEventListener('abort', onAbort);
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/).filter(Boolean)) {
        tail.push(line);
        if (tail.length > KEEP_LINES) tail.shift();
        ctx.log(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(
        new AppError(
          'STEP_FAILED',
          `${step.program} could not start: ${e.message}`,
          'Check the program path in the runbook.',
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      ctx.job.signal.removeEventListener('abort', onAbort);
      const evidence = {
        program: step.program,
        args: step.args,
        exitCode: code,
        signal,
        timedOut,
        output: tail.slice(-50),
      };
      if (timedOut)
        return reject(
          Object.assign(
            new AppError('STEP_FAILED', `${step.program} ran longer than ${step.timeoutSeconds} s and was killed.`),
            { evidence },
          ),
        );
      if (ctx.job.signal.aborted) return reject(new AppError('CANCELLED', 'The step was cancelled.'));
      if (code !== step.expectExitCode)
        return reject(
          Object.assign(
            new AppError(
              'STEP_FAILED',
              `${step.program} exited with ${code ?? signal}, expected ${step.expectExitCode}.`,
            ),
            { evidence },
          ),
        );
      resolve({ evidence });
    });
  });
}
