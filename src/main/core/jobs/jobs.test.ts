import { describe, expect, it } from 'vitest';
import type { JobUpdate } from '../../../shared/model/job';
import { EventBus } from '../event-bus';
import { Jobs } from './jobs';

function setup() {
  const bus = new EventBus();
  const updates: JobUpdate[] = [];
  bus.on('job.update', (u) => updates.push(u));
  return { jobs: new Jobs(bus), updates };
}

describe('Jobs', () => {
  it('returns an id at once, reports progress and ends succeeded with the result', async () => {
    const { jobs, updates } = setup();
    const id = jobs.start('demo', async (ctx) => {
      for (let i = 1; i <= 3; i++) {
        ctx.progress(i, 3, `tenant_${i}`);
        ctx.log(`done ${i}`);
      }
      return { count: 3 };
    });
    expect(jobs.get(id).state).toBe('queued');
    const summary = await jobs.wait(id);
    expect(summary).toMatchObject({ state: 'succeeded', done: 3, total: 3, result: { count: 3 } });
    expect(summary.log).toEqual(['done 1', 'done 2', 'done 3']);
    await new Promise((r) => setTimeout(r, 300));
    const last = updates.filter((u) => u.id === id).at(-1)!;
    expect(last.state).toBe('succeeded');
    // Each event carries only new lines: together they hold every line exactly once.
    expect(updates.filter((u) => u.id === id).flatMap((u) => u.log)).toEqual(['done 1', 'done 2', 'done 3']);
  });

  it('throttles events to a few per second', async () => {
    const { jobs, updates } = setup();
    const id = jobs.start('busy', async (ctx) => {
      for (let i = 0; i < 1000; i++) ctx.progress(i, 1000);
    });
    await jobs.wait(id);
    expect(updates.filter((u) => u.id === id).length).toBeLessThan(10);
  });

  it('cancels through the AbortSignal', async () => {
    const { jobs } = setup();
    const id = jobs.start('long', async (ctx) => {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      ctx.throwIfCancelled();
    });
    await new Promise((r) => setTimeout(r, 10));
    jobs.cancel(id);
    expect((await jobs.wait(id)).state).toBe('cancelled');
  });

  it('records a failure with its code, and lists recent jobs', async () => {
    const { jobs } = setup();
    const id = jobs.start('bad', async () => {
      throw Object.assign(new Error('password authentication failed'), { code: '28P01' });
    });
    expect((await jobs.wait(id)).error).toMatchObject({ code: 'AUTH_FAILED' });
    expect(jobs.list().map((j) => j.id)).toContain(id);
    expect(() => jobs.get('missing')).toThrowError(expect.objectContaining({ code: 'JOB_NOT_FOUND' }));
  });
});
