import { describe, expect, it } from 'vitest';
import { toAppError, toConnectError } from './pg-errors';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('toAppError', () => {
  it('classifies server errors by SQLSTATE, whatever their words', () => {
    expect(
      toAppError(pgError('55P03', 'canceling statement due to lock timeout'), undefined, 'tenant_a'),
    ).toMatchObject({ code: 'LOCK_TIMEOUT', sqlstate: '55P03', tenant: 'tenant_a' });
    expect(toAppError(pgError('57014', 'canceling statement due to statement timeout'))).toMatchObject({
      code: 'SQL_ERROR',
      sqlstate: '57014',
    });
    expect(
      toAppError(pgError('23505', 'duplicate key value violates unique constraint "x"'), undefined, 'tenant_b'),
    ).toMatchObject({ code: 'SQL_ERROR', sqlstate: '23505', message: expect.stringContaining('In tenant_b') });
  });

  it('maps authentication, missing database, TLS and network failures', () => {
    expect(toAppError(pgError('28P01', 'password authentication failed for user "x"'))).toMatchObject({
      code: 'AUTH_FAILED',
    });
    expect(toAppError(pgError('3D000', 'database "x" does not exist'))).toMatchObject({ code: 'DATABASE_NOT_FOUND' });
    expect(toAppError(new Error('The server does not support SSL connections'))).toMatchObject({ code: 'TLS_FAILED' });
    expect(toAppError(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({
      code: 'CONNECTION_FAILED',
    });
    expect(toAppError(new Error('Connection terminated due to connection timeout'))).toMatchObject({
      code: 'CONNECTION_FAILED',
    });
    expect(toAppError(pgError('57P01', 'terminating connection due to administrator command'))).toMatchObject({
      code: 'CONNECTION_LOST',
    });
    expect(toAppError(new Error('Connection terminated unexpectedly'))).toMatchObject({ code: 'CONNECTION_LOST' });
  });

  it('says a connection that was up and went away is lost, and one that never came up failed', () => {
    expect(toAppError(pgError('ECONNRESET', 'read ECONNRESET'))).toMatchObject({
      code: 'CONNECTION_LOST',
      hint: expect.stringContaining('run the command again'),
    });
    expect(
      toAppError(pgError('57P02', 'terminating connection because of crash of another server process')),
    ).toMatchObject({ code: 'CONNECTION_LOST', sqlstate: '57P02' });
    expect(toConnectError(new Error('Connection terminated unexpectedly'))).toMatchObject({
      code: 'CONNECTION_FAILED',
    });
    expect(toConnectError(pgError('28P01', 'password authentication failed for user "x"'))).toMatchObject({
      code: 'AUTH_FAILED',
    });
  });
});
