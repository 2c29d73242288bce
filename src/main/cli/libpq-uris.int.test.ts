import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationStatus } from '../../shared/model/migrations';
import { runCli } from '../../../test/cli-helpers';
import { createTestDatabase, tempHome, type TestDatabase } from '../../../test/pg-harness';
import { sampleProjectDir } from '../core/app-root';

/** The local server's socket directory (Debian's default). */
const SOCKET_DIR = process.env.TENANTRY_TEST_SOCKET_DIR ?? '/var/run/postgresql';
const NO_PG_ENV = { PGHOST: '', PGPORT: '', PGUSER: '', PGDATABASE: '', PGSSLMODE: '' };

let db: TestDatabase;
let home: ReturnType<typeof tempHome>;
let socketUri: string;
let encodedSocketUri: string;
let queryUri: string;
const cli = (args: string[], env: NodeJS.ProcessEnv = NO_PG_ENV) =>
  runCli(['--project', sampleProjectDir(), ...args], { home: home.dir, env });
const tenantSchema = () => 'tenant_academia_san_jose_0001';

beforeAll(async () => {
  execFileSync('npm', ['run', 'build:cli', '--silent']);
  db = await createTestDatabase('tenantry_libpq');
  home = tempHome();
  socketUri = `postgresql://postgres@/${db.name}?host=${SOCKET_DIR}`;
  encodedSocketUri = `postgresql://${encodeURIComponent(SOCKET_DIR)}/${db.name}?user=postgres`;
  queryUri = `postgresql:///ignored?host=127.0.0.1&port=5432&dbname=${db.name}&user=postgres&sslmode=disable`;
  expect(
    runCli(['sandbox', '--seed-only', '--url', db.url, '--tenants', '3', '--students', '5'], { home: home.dir }).code,
  ).toBe(0);
}, 180_000);
afterAll(async () => {
  await db.drop();
  home.cleanup();
});

describe('connection URIs as libpq takes them', () => {
  it('status over a socket directory given as the host parameter, as an encoded path, and by query parameters', () => {
    for (const uri of [socketUri, encodedSocketUri, queryUri]) {
      const run = cli(['--url', uri, 'status', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const data = run.json<MigrationStatus>().data;
      expect(data.tenants.map((t) => t.schema)).toContain(tenantSchema());
    }
  });

  it('PGHOST and PGDATABASE name the target when there is no --url and no --profile', () => {
    const run = cli(['tenants', 'list', '--json'], {
      ...NO_PG_ENV,
      PGHOST: SOCKET_DIR,
      PGDATABASE: db.name,
      PGUSER: 'postgres',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ tenants: { schema: string }[] }>().data.tenants.map((t) => t.schema)).toContain(tenantSchema());
  });

  it('backs up through the socket and restores through a query-parameter URI (pg_dump and pg_restore get the same target)', async () => {
    const client = await db.client();
    const count = async () =>
      Number((await client.query(`SELECT count(*) AS n FROM "${tenantSchema()}".clases_enrollment`)).rows[0].n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const backup = cli(['--url', socketUri, 'backup', '--tenant', tenantSchema(), '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    const taken = backup.json<{ id: string; host: string; schemas: string[] }>().data;
    expect(taken).toMatchObject({ host: SOCKET_DIR, schemas: [tenantSchema()] });

    await client.query(`DELETE FROM "${tenantSchema()}".clases_enrollment`);
    const restored = cli(['--url', queryUri, 'restore', taken.id, '--yes', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.json<{ targetSchema: string }>().data.targetSchema).toBe(tenantSchema());
    expect(await count()).toBe(before);

    const again = cli(['--url', socketUri, 'restore', taken.id, '--yes', '--json']);
    expect(again.code, again.stderr).toBe(0);
  });

  it('refuses a host that is neither a name nor a socket directory, exit 2', () => {
    const run = cli(['--url', `postgresql://postgres@/${db.name}?host=/tmp;x`, 'status', '--json']);
    expect(run.code).toBe(2);
    expect(run.json().error.code).toBe('VALIDATION_FAILED');
  });
});
