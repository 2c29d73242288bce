import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createApi, type Handlers } from './api';

const handlers = {
  'jobs.cancel': async ({ id }: { id: string }) => {
    if (id === 'boom') throw new AppError('JOB_NOT_FOUND', 'No job boom.', 'Jobs are kept for this run only.');
    if (id === 'crash') throw new TypeError('x is undefined');
    return { ok: true as const };
  },
} as unknown as Handlers;

describe('createApi', () => {
  const api = createApi(handlers);

  it('answers VALIDATION_FAILED naming the field for a bad input', async () => {
    const reply = await api.call('jobs.cancel', { id: 42 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'id' } });
    if (!reply.ok) expect(reply.error.message).toContain('id');
  });

  it('refuses unknown fields and unknown methods', async () => {
    expect(await api.call('jobs.cancel', { id: 'a', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await api.call('nope.never', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('turns AppErrors into the envelope with their code and hint', async () => {
    expect(await api.call('jobs.cancel', { id: 'boom' })).toEqual({
      ok: false,
      error: { code: 'JOB_NOT_FOUND', message: 'No job boom.', hint: 'Jobs are kept for this run only.' },
    });
  });

  it('never leaks a stack trace', async () => {
    const reply = await api.call('jobs.cancel', { id: 'crash' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'x is undefined' } });
    expect(JSON.stringify(reply)).not.toContain('at ');
  });

  it('answers data in the ok envelope', async () => {
    expect(await api.call('jobs.cancel', { id: 'fine' })).toEqual({ ok: true, data: { ok: true } });
  });
});
