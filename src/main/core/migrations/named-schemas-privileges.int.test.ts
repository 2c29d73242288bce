import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrl, tempHome } from '../../../../test/pg-harness';
import type { MigrationRun } from '../../../shared/model/migrations';
import { sampleDomainsDir } from '../app-root';
import { createCore, type Core } from '../create-core';

/** A role that owns its database but may no longer create schemas in it: a new named schema fails alone. */
const suffix = randomBytes(4).toString('hex');
const role = `tenantry_named_owner_${suffix}`;
const database = `tenantry_named_priv_${suffix}`;
let home: ReturnType<typeof tempHome>;
let project: string;
let core: Core;
let profileId: string;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
async function run(): Promise<MigrationRun> {
  const env = await core.api.call('migrations.apply', { profileId });
  if (!env.ok) throw Object.assign(new Error(env.error.message), env.error);
  return (await core.jobs.wait((env.data as { jobId: string }).jobId)).result as MigrationRun;
}

beforeAll(async () => {
  await admin(`CREATE ROLE "${role}" LOGIN`);
  await admin(`CREATE DATABASE "${database}" OWNER "${role}"`);
  home = tempHome();
  project = mkdtempSync(path.join(tmpdir(), 'tenantry-named-priv-'));
  cpSync(sampleDomainsDir(), project, { recursive: true });
  core = await createCore({ mode: 'cli', dataDir: home.dir, keychain: null, validateOutput: true });
  const base = new URL(serverUrl());
  profileId = (
    await core.profiles.add({
      name: 'owner',
      host: base.hostname,
      port: Number(base.port || 5432),
      database,
      user: role,
      sslmode: 'disable',
      environment: 'local',
      readOnly: false,
      registry: 'auto',
      keepAsideAfterRestore: false,
      projectDir: project,
    })
  ).id;
});
afterAll(async () => {
  await core.close();
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin(`DROP ROLE IF EXISTS "${role}"`);
  home.cleanup();
  rmSync(project, { recursive: true, force: true });
});

describe('a named schema that cannot be created', () => {
  it('fails that schema with a hint and stops the ones after it; the run still reports', async () => {
    expect((await run()).failed).toEqual([]);
    // Two new schemas, listed before files; the role loses CREATE on its database.
    writeFileSync(
      path.join(project, 'tenantry.yaml'),
      'registry: auto\nschemas: [auth, users, organizations, academic, plans, chat, analytics, reports, archive, files]\n',
    );
    for (const s of ['reports', 'archive']) {
      mkdirSync(path.join(project, 'migrations', s));
      writeFileSync(path.join(project, 'migrations', s, '0001_start.sql'), 'CREATE TABLE marks (id int);\n');
    }
    writeFileSync(
      path.join(project, 'migrations', 'files', '0002_more.sql'),
      'ALTER TABLE files ADD COLUMN note text;\n',
    );
    await admin(`REVOKE CREATE ON DATABASE "${database}" FROM "${role}"`);
    const result = await run();
    const by = new Map(result.results.map((r) => [r.schema, r]));
    expect(by.get('reports')).toMatchObject({
      named: true,
      state: 'failed',
      error: { sqlstate: '42501', hint: expect.stringContaining('Grant CREATE') },
    });
    expect(by.get('reports')?.error?.message).toContain('could not be created');
    expect(by.get('archive')?.state).toBe('skipped');
    expect(by.get('files')?.state).toBe('skipped');
    expect(result.failed).toEqual(['reports']);
  });
});
