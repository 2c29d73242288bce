import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsFromEnvironment, settingsFromUrl } from './connection-target';

afterEach(() => vi.unstubAllEnvs());

function clearPgEnv(): void {
  for (const name of ['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGSSLMODE', 'PGSSLROOTCERT']) vi.stubEnv(name, '');
}

describe('settingsFromUrl', () => {
  it('reads user, host, port, database, sslmode and the password', () => {
    const { settings, password, key } = settingsFromUrl(
      'postgres://ana:p%40ss@db.local:6432/escuela?sslmode=verify-full',
      'staging',
    );
    expect(settings).toMatchObject({
      user: 'ana',
      host: 'db.local',
      port: 6432,
      database: 'escuela',
      sslmode: 'verify-full',
      environment: 'staging',
    });
    expect(password).toBe('p@ss');
    expect(key).toMatch(/^url-[0-9a-f]{8}$/);
    expect(settingsFromUrl('postgres://ana@db.local:6432/escuela').key).toBe(key);
  });

  it('takes a socket directory as host, from the host parameter or an encoded path', () => {
    clearPgEnv();
    expect(settingsFromUrl('postgresql://postgres@/app?host=/var/run/postgresql').settings).toMatchObject({
      host: '/var/run/postgresql',
      port: 5432,
      user: 'postgres',
      database: 'app',
    });
    expect(settingsFromUrl('postgresql://%2Fvar%2Frun%2Fpostgresql:5433/app').settings).toMatchObject({
      host: '/var/run/postgresql',
      port: 5433,
      database: 'app',
    });
  });

  it('reads the port, dbname, user and sslmode query parameters over the URI parts', () => {
    clearPgEnv();
    const { settings } = settingsFromUrl(
      'postgresql:///ignored?host=db.local&port=6433&dbname=escuela&user=bob&sslmode=require',
    );
    expect(settings).toMatchObject({
      host: 'db.local',
      port: 6433,
      database: 'escuela',
      user: 'bob',
      sslmode: 'require',
    });
  });

  it('fills what the URI leaves out from PGHOST, PGPORT, PGUSER, PGDATABASE and PGSSLMODE', () => {
    clearPgEnv();
    vi.stubEnv('PGHOST', '/var/run/postgresql');
    vi.stubEnv('PGPORT', '5434');
    vi.stubEnv('PGSSLMODE', 'disable');
    expect(settingsFromUrl('postgresql://ana@/app').settings).toMatchObject({
      host: '/var/run/postgresql',
      port: 5434,
      user: 'ana',
      database: 'app',
      sslmode: 'disable',
    });
  });

  it('refuses what is not a postgres URL', () => {
    expect(() => settingsFromUrl('mysql://x@y/z')).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => settingsFromUrl('not a url')).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => settingsFromUrl('postgres://x@y/z?sslmode=maybe')).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => settingsFromUrl('postgres://x@y/z?port=99999')).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => settingsFromUrl('postgres://x@/z?host=/tmp;rm')).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});

describe('settingsFromEnvironment', () => {
  it('names no target when no PG variable is set', () => {
    clearPgEnv();
    expect(settingsFromEnvironment()).toBeUndefined();
  });

  it('names the target from PGHOST, PGUSER and PGDATABASE, with the implicit key a URL would get', () => {
    clearPgEnv();
    vi.stubEnv('PGHOST', '/var/run/postgresql');
    vi.stubEnv('PGUSER', 'postgres');
    vi.stubEnv('PGDATABASE', 'app');
    const target = settingsFromEnvironment('staging');
    expect(target?.settings).toMatchObject({
      host: '/var/run/postgresql',
      port: 5432,
      user: 'postgres',
      database: 'app',
      environment: 'staging',
    });
    expect(target?.key).toBe(settingsFromUrl('postgresql://postgres@/app?host=/var/run/postgresql').key);
  });
});
