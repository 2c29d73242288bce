import type { Run, Step } from '../../../shared/model/checklists';
import type { CoreDeps } from '../core-deps';

const now = () => new Date().toISOString();

/**
 * A step found `running` belongs to a process that was killed. It is re-checked, not blindly
 * re-run: what it was meant to produce may already exist, or its effect may be unknown.
 */
export async function recheckInterrupted(deps: CoreDeps, run: Run, steps: Map<string, Step>): Promise<void> {
  for (const record of run.steps.filter((s) => s.state === 'running')) {
    const step = steps.get(record.id);
    const note = (text: string) =>
      run.events.push({ at: now(), who: 'tenantry', text: `${record.id} was interrupted: ${text}` });
    if (step?.kind === 'backup') {
      const { backups } = await deps.invoke('backups.list', { profileId: run.profileId });
      const made = backups.find((b) => b.reason === 'checklist' && b.createdAt >= (record.startedAt ?? ''));
      if (made) {
        Object.assign(record, {
          state: 'succeeded',
          endedAt: now(),
          evidence: { backupId: made.id, scope: made.scope, recovered: true },
        });
        note(`backup ${made.id} had completed; kept`);
        continue;
      }
    }
    if (step?.kind === 'migrate') {
      const status = await deps.invoke('migrations.status', {
        profileId: run.profileId,
        ...(run.projectDir ? { project: run.projectDir } : {}),
      });
      const pending = status.tenants.filter((t) => t.pending.length).length;
      if (!pending) {
        Object.assign(record, { state: 'succeeded', endedAt: now(), evidence: { recovered: true, pending: 0 } });
        note('every schema is at the latest migration; marked done');
        continue;
      }
      Object.assign(record, {
        state: 'failed',
        endedAt: now(),
        error: {
          code: 'STEP_FAILED',
          message: `Interrupted with ${pending} schema(s) still pending (each tenant is all-or-nothing).`,
          hint: 'Retry the step to migrate the rest.',
        },
      });
      run.state = 'failed';
      note(`${pending} schema(s) still pending`);
      continue;
    }
    if (step?.kind === 'command' || step?.kind === 'restore') {
      Object.assign(record, {
        state: 'failed',
        endedAt: now(),
        error: {
          code: 'STEP_FAILED',
          message: 'Interrupted; its effect is unknown.',
          hint: 'Check by hand, then retry or skip the step with a reason.',
        },
      });
      run.state = 'failed';
      note('effect unknown');
      continue;
    }
    // Read-only steps (verification, status, assertions) are simply run again.
    record.state = 'pending';
    note('will run again');
  }
}
