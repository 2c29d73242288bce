import { AppError } from '../../../shared/errors';
import type { Run, Step, StepRun } from '../../../shared/model/checklists';
import type { Profile } from '../../../shared/model/profile';
import { profileFields } from '../audit/audit-log';
import type { CoreDeps } from '../core-deps';
import { toAppError } from '../db/pg-errors';
import { newId } from '../domain/ids';
import { whoAmI } from '../domain/who-am-i';
import type { JobContext } from '../jobs/jobs';
import { optionalProject } from '../project/project';
import { requireProductionConfirmation } from '../safety';
import { evaluateGates } from './gates';
import { loadRunbook } from './runbook-loader';
import type { RunStore } from './run-store';
import { executeStep } from './step-executors';
import { recheckInterrupted } from './resume';

const now = () => new Date().toISOString();

export interface Engine {
  start(input: {
    profileId: string;
    runbook: string;
    project?: string;
    confirmDatabase?: string;
    rollsBack?: string;
  }): Promise<Run>;
  advance(runId: string, opts: { yesManual?: boolean; confirmDatabase?: string }, job: JobContext): Promise<Run>;
  tick(runId: string, stepId: string, note?: string): Promise<Run>;
  skip(runId: string, stepId: string, reason: string): Promise<Run>;
  retry(runId: string, stepId: string): Promise<Run>;
  abort(runId: string, reason: string): Promise<Run>;
}

/** Runs a runbook step by step, saving the run after every change so it can be resumed after a restart. */
export function createEngine(deps: CoreDeps, runs: RunStore): Engine {
  async function audit(
    run: Run,
    action: string,
    params: Record<string, unknown>,
    result: 'ok' | 'failed' | 'refused' = 'ok',
    error?: string,
  ) {
    const profile = deps.profiles.list().find((p) => p.id === run.profileId);
    await deps.audit.record({
      action,
      ...(profile ? profileFields(profile) : {}),
      target: run.id,
      params: { runbook: run.runbookId, ...params },
      result,
      error,
    });
  }

  function findStep(run: Run, stepId: string): StepRun {
    const step = run.steps.find((s) => s.id === stepId);
    if (!step)
      throw new AppError('VALIDATION_FAILED', `Run ${run.id} has no step "${stepId}".`, undefined, { field: 'stepId' });
    return step;
  }

  async function definitions(run: Run): Promise<Map<string, Step>> {
    const loaded = await loadRunbook(run.runbookPath, run.projectDir);
    return new Map(loaded.runbook.steps.map((s) => [s.id, s]));
  }

  function settle(run: Run): void {
    if (run.steps.every((s) => s.state === 'succeeded' || s.state === 'skipped')) {
      run.state = 'succeeded';
      run.endedAt = now();
    }
  }

  async function executeAutomatic(
    run: Run,
    record: StepRun,
    step: Step,
    profile: Profile,
    confirmDatabase: string | undefined,
    job: JobContext,
  ): Promise<boolean> {
    Object.assign(record, {
      state: 'running',
      startedAt: now(),
      endedAt: undefined,
      error: undefined,
      attempts: record.attempts + 1,
      output: [],
    });
    await runs.save(run);
    const started = Date.now();
    const log = (line: string) => {
      record.output.push(line);
      if (record.output.length > 500) record.output.shift();
      job.log(`${step.id}: ${line}`);
    };
    try {
      const outcome = await executeStep(
        { deps, run, step, record, profile, projectDir: run.projectDir, confirmDatabase, job, log },
        runs,
      );
      Object.assign(record, {
        state: 'succeeded',
        evidence: outcome.evidence,
        endedAt: now(),
        durationMs: Date.now() - started,
      });
      await runs.save(run);
      await audit(run, `checklists.step.${step.kind}`, { step: step.id });
      return true;
    } catch (e) {
      const err = toAppError(e);
      const evidence = (e as { evidence?: Record<string, unknown> }).evidence;
      Object.assign(record, {
        state: 'failed',
        endedAt: now(),
        durationMs: Date.now() - started,
        error: { code: err.code, message: err.message, hint: err.hint },
        ...(evidence ? { evidence } : {}),
      });
      run.state = err.code === 'CANCELLED' ? 'waiting' : 'failed';
      await runs.save(run);
      await audit(run, `checklists.step.${step.kind}`, { step: step.id }, 'failed', err.message);
      return false;
    }
  }

  return {
    async start({ profileId, runbook, project, confirmDatabase, rollsBack }) {
      const profile = deps.profiles.get(profileId);
      const projectDir = (await optionalProject(profile, project))?.dir;
      const loaded = await loadRunbook(runbook, projectDir);
      if (!loaded.runbook.environments.includes(profile.environment)) {
        throw new AppError(
          'GATE_BLOCKED',
          `Runbook "${loaded.id}" runs on ${loaded.runbook.environments.join(', ')}, and profile "${profile.name}" is ${profile.environment}.`,
          'Choose the runbook made for this environment.',
        );
      }
      // Starting a runbook consents to its automatic steps; on production that needs the database name.
      requireProductionConfirmation(profile, confirmDatabase, `Runbook "${loaded.id}"`);
      const run: Run = {
        id: newId(),
        runbookId: loaded.id,
        runbookPath: loaded.path,
        title: loaded.runbook.title,
        profileId: profile.id,
        profileName: profile.name,
        environment: profile.environment,
        database: profile.database,
        projectDir,
        rollback: loaded.runbook.rollback,
        rollsBack,
        state: 'running',
        createdAt: now(),
        updatedAt: now(),
        startedBy: whoAmI(),
        gates: await evaluateGates(deps, profile, loaded.runbook.gates, projectDir),
        steps: loaded.runbook.steps.map((s) => ({
          id: s.id,
          kind: s.kind,
          title: s.title,
          explain: s.explain,
          state: 'pending',
          attempts: 0,
          output: [],
          gates: [],
        })),
        events: [{ at: now(), who: whoAmI(), text: `started on ${profile.name} (${profile.environment})` }],
      };
      if (run.gates.some((g) => !g.ok)) run.state = 'blocked';
      await runs.save(run);
      await audit(run, 'checklists.start', { state: run.state });
      return run;
    },

    async advance(runId, { yesManual, confirmDatabase }, job) {
      const run = await runs.get(runId);
      if (run.state === 'succeeded' || run.state === 'aborted') return run;
      const profile = deps.profiles.get(run.profileId);
      requireProductionConfirmation(profile, confirmDatabase, `Runbook "${run.runbookId}"`);
      const steps = await definitions(run);
      await recheckInterrupted(deps, run, steps);
      const runbookGates = (await loadRunbook(run.runbookPath, run.projectDir)).runbook.gates;
      run.gates = await evaluateGates(deps, profile, runbookGates, run.projectDir);
      if (run.gates.some((g) => !g.ok)) {
        run.state = 'blocked';
        return runs.save(run);
      }
      run.state = 'running';
      for (const [index, record] of run.steps.entries()) {
        job.progress(index, run.steps.length, record.title);
        if (record.state === 'succeeded' || record.state === 'skipped') continue;
        if (record.state === 'failed') {
          run.state = 'failed';
          break;
        }
        const step = steps.get(record.id);
        if (!step) throw new AppError('RUNBOOK_INVALID', `The runbook no longer has step "${record.id}".`);
        record.gates = await evaluateGates(deps, profile, step.gates ?? [], run.projectDir);
        if (record.gates.some((g) => !g.ok)) {
          run.state = 'blocked';
          break;
        }
        if (step.kind === 'manual') {
          if (!yesManual) {
            record.state = 'waiting';
            run.state = 'waiting';
            break;
          }
          Object.assign(record, {
            state: 'succeeded',
            by: whoAmI(),
            note: 'confirmed with --yes-manual',
            startedAt: now(),
            endedAt: now(),
            durationMs: 0,
          });
          await audit(run, 'checklists.tick', { step: record.id, yesManual: true });
          continue;
        }
        if (!(await executeAutomatic(run, record, step, profile, confirmDatabase, job))) break;
        job.throwIfCancelled();
      }
      settle(run);
      job.progress(run.steps.filter((s) => s.state === 'succeeded' || s.state === 'skipped').length, run.steps.length);
      return runs.save(run);
    },

    async tick(runId, stepId, note) {
      let ticked = false;
      const run = await runs.update(runId, async (run) => {
        const record = findStep(run, stepId);
        const step = (await definitions(run)).get(stepId);
        if (step?.kind !== 'manual')
          throw new AppError('VALIDATION_FAILED', `Step "${stepId}" is automatic; it is run, not ticked.`);
        if (record.state === 'succeeded' || record.state === 'skipped') return;
        const pendingBefore = run.steps
          .slice(0, run.steps.indexOf(record))
          .find((s) => s.state !== 'succeeded' && s.state !== 'skipped');
        if (pendingBefore)
          throw new AppError(
            'VALIDATION_FAILED',
            `Step "${pendingBefore.id}" comes first.`,
            'Steps are done in order.',
          );
        if (step.requireNote && !note?.trim())
          throw new AppError('PARAM_INVALID', `Step "${stepId}" needs a note saying what was checked.`, undefined, {
            field: 'note',
          });
        Object.assign(record, {
          state: 'succeeded',
          by: whoAmI(),
          note: note?.trim() || undefined,
          startedAt: record.startedAt ?? now(),
          endedAt: now(),
        });
        if (run.state === 'waiting') run.state = 'running';
        settle(run);
        ticked = true;
      });
      if (ticked) await audit(run, 'checklists.tick', { step: stepId });
      return run;
    },

    async skip(runId, stepId, reason) {
      const run = await runs.update(runId, (run) => {
        const record = findStep(run, stepId);
        if (record.state === 'succeeded') throw new AppError('VALIDATION_FAILED', `Step "${stepId}" is already done.`);
        Object.assign(record, { state: 'skipped', by: whoAmI(), skipReason: reason, endedAt: now() });
        if (run.state === 'failed' || run.state === 'waiting' || run.state === 'blocked') run.state = 'running';
        run.events.push({ at: now(), who: whoAmI(), text: `skipped ${stepId}: ${reason}` });
        settle(run);
      });
      await audit(run, 'checklists.skip', { step: stepId, reason });
      return run;
    },

    async retry(runId, stepId) {
      return runs.update(runId, (run) => {
        const record = findStep(run, stepId);
        if (record.state !== 'failed')
          throw new AppError('VALIDATION_FAILED', `Step "${stepId}" has not failed; only a failed step is retried.`);
        Object.assign(record, { state: 'pending', error: undefined });
        run.state = 'running';
        run.events.push({ at: now(), who: whoAmI(), text: `retry ${stepId}` });
      });
    },

    async abort(runId, reason) {
      const run = await runs.update(runId, (run) => {
        run.state = 'aborted';
        run.endedAt = now();
        run.events.push({ at: now(), who: whoAmI(), text: `aborted: ${reason}` });
      });
      await audit(run, 'checklists.abort', { reason });
      return run;
    },
  };
}
