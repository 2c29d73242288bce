import { describe, expect, it } from 'vitest';
import { settingsFromUrl } from './connection-target';

describe('settingsFromUrl', () => {
  it('reads user, host, port, database, sslmode and the password', () => {
    const { settings, password, key } = settingsFromUrl('postgres://ana:p%40ss@db.local:6432/escuela?sslmode=verify-full', 'staging');
    expect(settings).toMatchObject({ user: 'ana', host: 'db.local', port: 6432, database: 'escuela', sslmode: 'verify-full', environment: 'staging' });
    expect(password).toBe('p@ss');
    expect(key).toMatch(/^url-[0-9a-f]{8}$/);
    expect(settingsFromUrl('postgres://ana@db.local:6432/escuela').key).toBe(key);
  });

  it('refuses what is not a postgres URL', () => {
    expect(() => settingsFromUrl('mysql://x@y/z')).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => settingsFromUrl('not a url')).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => settingsFromUrl('postgres://x@y/z?sslmode=maybe')).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
